/** Log lines never carry an owner's contact details, however they got into the logged object. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { createLogger } from '../../src/logger.js';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger('info', { write: (line: string) => void lines.push(line) }) };
}

describe('logger', () => {
  it('redacts personal fields and masks phones and emails inside messages and errors', () => {
    const { lines, logger } = capture();
    logger.info({ user: { name: 'Ramesh Sharma', phone: '+919812345678' }, to: 'whatsapp:+919812345678', count: 3 }, 'sent');
    logger.warn({ err: new AppError('X.Y', 'no user for whatsapp:+91 98123 45678 (ramesh@example.in)') }, 'lookup failed for 9812345678');
    const out = lines.join('\n');
    for (const secret of ['Ramesh', '98123', '9812345678', 'ramesh@example.in']) expect(out).not.toContain(secret);
    expect(out).toContain('"count":3');
    expect(out).toContain('[phone]');
    expect(out).toContain('X.Y');
  });
});
