/**
 * Holding a conversation: onboarding an unknown number in chat, logging sales and stock with
 * confirmation and undo, clarifying an ambiguous product, follow-ups, prices, new products,
 * insights, and answering in the owner's language, which sticks until they change it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/bot/i18n.js';
import type { Language } from '../../src/domain/language.js';
import { addDays, todayIn } from '../../src/domain/dates.js';
import { queryAll } from '../../src/storage/tables.port.js';
import { DuckDbSalesAnalytics } from '../../src/storage/duckdb/duckdb-analytics.adapter.js';
import { eventually, messageSid, startApp, type Harness } from '../support/app-harness.js';

let h: Harness;
beforeAll(async () => (h = await startApp()));
afterAll(async () => h.stop());

const chat = async (text: string) => {
  const res = await h.api('/api/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { reply: string; intent: string; language: string };
};
const product = async (sku: string) => (await h.app.repos.products.get({ storeId: 'demo-kirana', sku }))!;
const soldOn = async (sku: string, date: string) => {
  const analytics = new DuckDbSalesAnalytics(`${h.dataDir}/lake`);
  try {
    return (await analytics.dailySales('demo-kirana', { skus: [sku], from: date, to: date }))[0]?.qty ?? 0;
  } finally {
    await analytics.close();
  }
};

describe('languages', () => {
  it('answers Hinglish in Hinglish, Tamil in Tamil, and keeps the language for a bare number', async () => {
    const hinglish = await chat('kal kitna doodh bikega?');
    expect(hinglish).toMatchObject({ intent: 'forecast', language: 'hi-Latn' });
    expect(hinglish.reply).toMatch(/Amul Taaza Milk 500ml/);
    expect(hinglish.reply).not.toMatch(/[\u0900-\u097f]/);
    const tamil = await chat('நாளைக்கு எவ்வளவு பால் விற்கும்?');
    expect(tamil).toMatchObject({ intent: 'forecast', language: 'ta' });
    expect(tamil.reply).toMatch(/[\u0b80-\u0bff]/);
    const number = await chat('20');
    expect(number.language).toBe('ta');
  });

  it('switches when asked, and shows a menu when the language is not named', async () => {
    const menu = await chat('change language');
    expect(menu.reply).toMatch(/1 English[\s\S]*12 ଓଡ଼ିଆ/);
    const chosen = await chat('2');
    expect(chosen.language).toBe('hi');
    expect(chosen.reply).toMatch(/[\u0900-\u097f]/);
    const english = await chat('reply in English please');
    expect(english).toMatchObject({ intent: 'change_language', language: 'en' });
  });
});

describe('logging sales and stock by chat', () => {
  const today = () => todayIn('Asia/Kolkata');

  it('records a sale at once when sure, and undo takes it back', async () => {
    const before = await soldOn('PANEER-200', today());
    const logged = await chat('aaj 3 packet paneer bika');
    expect(logged.intent).toBe('log_sale');
    expect(logged.reply).toMatch(/3 packet/);
    expect(await soldOn('PANEER-200', today())).toBe(before + 3);
    const undone = await chat('undo');
    expect(undone.intent).toBe('undo');
    expect(await soldOn('PANEER-200', today())).toBe(before);
    const nothing = await chat('undo');
    expect(nothing.reply).toBe((await translator(nothing.language as Language))('log.nothingToUndo'));
  });

  it('reads "kal" as yesterday with a past verb', async () => {
    const yesterday = addDays(today(), -1);
    const before = await soldOn('GHEE-1L', yesterday);
    await chat('kal 2 bottle ghee bika');
    expect(await soldOn('GHEE-1L', yesterday)).toBe(before + 2);
    await chat('undo');
  });

  it('asks before recording an unusual quantity, and records on yes', async () => {
    const before = await soldOn('MILK-500', today());
    const asked = await chat('sold 900 packets milk today');
    expect(asked.reply).toMatch(/much more than usual|1\b.*2\b/s);
    expect(await soldOn('MILK-500', today())).toBe(before);
    const yes = await chat('1');
    expect(yes.reply).toMatch(/900/);
    expect(await soldOn('MILK-500', today())).toBe(before + 900);
    await chat('undo');
    const again = await chat('sold 900 packets milk today');
    expect(again.reply).toMatch(/usual/);
    const no = await chat('no');
    expect(no.reply).toBe((await translator(no.language as Language))('log.cancelled'));
    expect(await soldOn('MILK-500', today())).toBe(before);
  });

  it('adds arrived stock, sets counted stock, and undo restores it', async () => {
    const start = (await product('ATTA-5KG')).stock;
    await chat('20 packet aata aaya');
    expect((await product('ATTA-5KG')).stock).toBe(start + 20);
    await chat('stock mein 7 packet aata hai');
    expect((await product('ATTA-5KG')).stock).toBe(7);
    await chat('undo');
    expect((await product('ATTA-5KG')).stock).toBe(start + 20);
    await chat('undo');
    expect((await product('ATTA-5KG')).stock).toBe(start);
  });
});

describe('clarifying and following up', () => {
  it('asks which product when several fit, and answers the question for the chosen one', async () => {
    // Both rice products are "chawal" only through the built-in vocabulary of one of them; make it ambiguous.
    await h.app.repos.products.update({ storeId: 'demo-kirana', sku: 'RICE-SONA' }, { aliases: ['tandul'], updatedAt: new Date().toISOString() });
    const asked = await chat('how much rice tomorrow?');
    expect(asked.reply).toMatch(/1\*? Basmati Rice 1kg[\s\S]*2\*? Sona Masoori Rice/);
    const answered = await chat('2');
    expect(answered.intent).toBe('forecast');
    expect(answered.reply).toMatch(/Sona Masoori Rice/);
  });

  it('carries the last question over to "and X?"', async () => {
    await chat('how much sugar tomorrow?');
    const follow = await chat('and onion?');
    expect(follow.intent).toBe('forecast');
    expect(follow.reply).toMatch(/Onion/);
  });
});

describe('prices, products and insights', () => {
  it('reports and sets the owner’s price', async () => {
    const check = await chat('sugar price?');
    expect(check.intent).toBe('price_check');
    expect(check.reply).toMatch(/₹46/);
    const set = await chat('set sugar price 48');
    expect(set.intent).toBe('set_price');
    expect((await product('SUGAR')).price).toBe(48);
    expect(set.reply).toMatch(/₹48[\s\S]*₹46/);
  });

  it('adds a product by chat', async () => {
    const added = await chat('add product: Kurkure Masala Munch');
    expect(added.intent).toBe('add_product');
    const products = await queryAll(h.app.repos.products, { partition: 'demo-kirana' });
    expect(products).toContainEqual(expect.objectContaining({ name: 'Kurkure Masala Munch', canonical: 'namkeen', unit: 'packet' }));
  });

  it('summarises the last week', async () => {
    const summary = await chat('how is my shop doing this week?');
    expect(summary.intent).toBe('insights');
    expect(summary.reply).toMatch(/₹[\d,]+/);
  });

  it('always answers: an unknown message gets examples in the owner’s language', async () => {
    const unknown = await chat('the weather is lovely');
    expect(unknown.intent).toBe('unknown');
    expect(unknown.reply).toMatch(/how much milk tomorrow/);
  });
});

describe('onboarding an unknown number on WhatsApp', () => {
  it('sets up the shop in chat, in the language the owner writes', async () => {
    const phone = '+919822233344';
    const address = `whatsapp:${phone}`;
    const say = async (body: string) => {
      const before = (await queryAll(h.app.repos.outbox, { partition: address })).length;
      const params = { MessageSid: messageSid(), From: address, To: 'whatsapp:+14155238886', Body: body, NumMedia: '0' };
      expect((await h.webhook(params)).status).toBe(200);
      return (await eventually(async () => {
        const sent = await queryAll(h.app.repos.outbox, { partition: address });
        return sent.length > before && sent.at(-1);
      })).body;
    };
    expect(await say('namaste')).toMatch(/1 English[\s\S]*3 Hinglish/);
    expect(await say('3')).toMatch(/dukaan|naam/i);
    expect(await say('Gupta General Store')).toMatch(/Gupta General Store/);
    expect(await say('Lucknow')).toMatch(/Indore|state|rajya/i);
    expect(await say('Lucknow, Uttar Pradesh')).toMatch(/doodh|atta|skip/i);
    const done = await say('doodh, aata, cheeni, xyz');
    expect(done).toMatch(/Gupta General Store/);
    const conversation = (await h.app.repos.conversations.get({ conversationId: h.app.conversationIdFor(address) }))!;
    const store = (await h.app.repos.stores.get({ storeId: conversation.storeId! }))!;
    expect(store).toMatchObject({ name: 'Gupta General Store', city: 'Lucknow', state: 'UP', language: 'hi-Latn' });
    const products = await queryAll(h.app.repos.products, { partition: store.storeId });
    expect(products.map((p) => p.canonical).sort()).toEqual(['milk', 'sugar', 'wheat_atta']);
    const user = (await h.app.repos.users.get({ userId: conversation.userId }))!;
    expect(user).toMatchObject({ role: 'owner', storeId: store.storeId, phone });
    // Now the bot knows the shop.
    expect(await say('help')).toMatch(/undo/);
  });
});
