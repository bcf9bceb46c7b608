/**
 * Structured JSON logs (pino). Phone numbers, message texts and secrets are redacted wherever
 * they appear in a logged object, and phone numbers and emails are masked inside error messages
 * and log lines too, so a careless log line cannot leak an owner's details.
 */
import { pino } from 'pino';
import { maskContacts } from './domain/pii.js';

export type Logger = pino.Logger;

const REDACT = [
  'phone', '*.phone', 'to', '*.to', 'from', '*.from', 'address', '*.address', 'text', '*.text', 'body', '*.body',
  'email', '*.email', 'name', '*.name', 'apiKey', '*.apiKey', 'password', '*.password', 'authToken', '*.authToken',
  'query', '*.query', 'reply', '*.reply', 'prompt', '*.prompt',
  'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["x-twilio-signature"]',
];


function scrubError(error: Error) {
  const serialised = pino.stdSerializers.err(error);
  return { ...serialised, message: maskContacts(serialised.message ?? ''), ...(serialised.stack ? { stack: maskContacts(serialised.stack) } : {}) };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      base: { service: 'bharatsense' },
      serializers: { err: scrubError },
      hooks: {
        logMethod(args, method) {
          // The message string is the last argument; objects are covered by redact and serializers.
          const last = args.length - 1;
          if (typeof args[last] === 'string') args[last] = maskContacts(args[last] as string);
          return method.apply(this, args as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
