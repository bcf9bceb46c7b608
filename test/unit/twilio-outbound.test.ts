/** The Twilio adapter against a local stub of Twilio's Messages API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwilioOutbound } from '../../src/messaging/twilio/twilio-outbound.adapter.js';
import { startTwilioStub, type TwilioStub } from '../support/twilio-stub.js';

const ACCOUNT = `AC${'2'.repeat(32)}`;
let stub: TwilioStub;
let twilio: TwilioOutbound;

beforeAll(async () => {
  stub = await startTwilioStub(ACCOUNT, 'secret');
  twilio = new TwilioOutbound({
    accountSid: ACCOUNT,
    authToken: 'secret',
    whatsappFrom: 'whatsapp:+14155238886',
    smsFrom: '+15005550006',
    statusCallbackUrl: 'https://bharatsense.example/webhooks/twilio/status',
    apiBaseUrl: stub.url,
  });
});
afterAll(async () => stub.close());

const message = (channel: 'whatsapp' | 'sms', body = 'नमस्ते! कल 42 पैकेट दूध') => ({ messageId: 'm1', channel, to: '+919800000001', body });

describe('Twilio outbound', () => {
  it('sends WhatsApp and SMS from the right senders with a status callback', async () => {
    const receipt = await twilio.send(message('whatsapp'));
    expect(receipt).toEqual({ providerSid: stub.sent.at(-1)!.sid, status: 'queued' });
    expect(stub.sent.at(-1)).toMatchObject({
      from: 'whatsapp:+14155238886',
      to: 'whatsapp:+919800000001',
      body: 'नमस्ते! कल 42 पैकेट दूध',
      statusCallback: 'https://bharatsense.example/webhooks/twilio/status',
    });
    await twilio.send(message('sms', 'hello'));
    expect(stub.sent.at(-1)).toMatchObject({ from: '+15005550006', to: '+919800000001', body: 'hello' });
  });

  it('marks a 429 as worth retrying, since Twilio created nothing', async () => {
    stub.failNext(429);
    await expect(twilio.send(message('sms'))).rejects.toMatchObject({ code: 'OUTBOUND.RETRY', permanent: false });
  });

  it('marks a refusal as permanent, with Twilio error code', async () => {
    stub.failNext(400);
    await expect(twilio.send(message('sms'))).rejects.toMatchObject({ code: 'OUTBOUND.REJECTED', permanent: true, metadata: { twilioCode: 21211, httpStatus: 400 } });
  });

  it('reports a 5xx as uncertain, and finds the message if Twilio made it after all', async () => {
    const since = new Date();
    const uncertain = { ...message('sms', 'uncertain one'), messageId: 'm-5xx' };
    expect(await twilio.findSent(uncertain, since)).toBeUndefined();
    stub.fault({ status: 500, create: true });
    await expect(twilio.send(uncertain)).rejects.toMatchObject({ code: 'OUTBOUND.UNCERTAIN', permanent: false });
    expect(await twilio.findSent(uncertain, since)).toBe(stub.sent.at(-1)!.sid);
    // Another text to the same number is not mistaken for it.
    expect(await twilio.findSent({ ...uncertain, body: 'something else' }, since)).toBeUndefined();
  });

  it('treats a timeout as uncertain too', async () => {
    const impatient = new TwilioOutbound({ accountSid: ACCOUNT, authToken: 'secret', smsFrom: '+15005550006', apiBaseUrl: stub.url, timeoutMs: 200 });
    stub.fault({ delayMs: 1000 });
    const since = new Date();
    const slow = { ...message('sms', 'slow one'), messageId: 'm-slow' };
    await expect(impatient.send(slow)).rejects.toMatchObject({ code: 'OUTBOUND.UNCERTAIN' });
    expect(await impatient.findSent(slow, since)).toBe(stub.sent.at(-1)!.sid);
  });

  it('sends an approved Content template instead of free text', async () => {
    await twilio.send({ ...message('whatsapp'), template: { contentSid: `HX${'a'.repeat(32)}`, variables: { 1: 'Ramesh', 2: '42' } } });
    expect(stub.sent.at(-1)).toMatchObject({ contentSid: `HX${'a'.repeat(32)}`, contentVariables: '{"1":"Ramesh","2":"42"}', body: '' });
  });

  it('retries when Twilio cannot be reached at all', async () => {
    const offline = new TwilioOutbound({ accountSid: ACCOUNT, authToken: 'secret', smsFrom: '+15005550006', apiBaseUrl: 'http://127.0.0.1:1' });
    await expect(offline.send(message('sms'))).rejects.toMatchObject({ code: 'OUTBOUND.RETRY', permanent: false });
  });

  it('refuses a channel without a configured sender', async () => {
    const smsOnly = new TwilioOutbound({ accountSid: ACCOUNT, authToken: 'secret', smsFrom: '+15005550006', apiBaseUrl: stub.url });
    await expect(smsOnly.send(message('whatsapp'))).rejects.toMatchObject({ code: 'OUTBOUND.NO_SENDER' });
  });
});
