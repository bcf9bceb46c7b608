/**
 * Structured JSON logs (pino). Phone numbers, message texts and secrets are redacted wherever
 * they appear in a logged object, so a careless log line cannot leak an owner's details.
 */
import { pino } from 'pino';

export type Logger = pino.Logger;

const REDACT = [
  'phone', '*.phone', 'to', '*.to', 'from', '*.from', 'address', '*.address', 'text', '*.text', 'body', '*.body',
  'email', '*.email', 'name', '*.name', 'apiKey', '*.apiKey', 'password', '*.password', 'authToken', '*.authToken',
  'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["x-twilio-signature"]',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'bharatsense' } }, destination);
}
