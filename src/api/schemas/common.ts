/** Schemas every part of the API shares: problems, identifiers, dates, languages, paging. */
import 'zod-openapi';
import { z } from 'zod';
import { LANGUAGES } from '../../domain/language.js';
import { storeIdSchema } from '../../domain/store.js';

/**
 * An error, as RFC 9457 problem+json with a stable `code`. Extension members are allowed (a price
 * problem names the `sku` and `commodity`), so the object is open.
 */
export const Problem = z
  .looseObject({
    type: z.string().meta({ description: 'A URI naming the kind of problem.', example: 'https://bharatsense.in/problems/product-not_found' }),
    title: z.string().meta({ description: 'The code again, for generic clients.' }),
    status: z.number().int().min(400).max(599),
    code: z.string().meta({ description: 'Stable, dotted, machine-readable.', example: 'PRODUCT.NOT_FOUND' }),
    detail: z.string().meta({ description: 'What went wrong and what to do, for people.' }),
    errors: z.array(z.looseObject({ message: z.string() })).optional().meta({ description: 'One entry per field (`{field, message}`) or uploaded row (`{row, column?, code, message}`) that failed validation.' }),
    metadata: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string().optional().meta({ description: 'Quote this when reporting an unexpected error.' }),
    retryAfterSeconds: z.number().optional(),
  })
  .meta({ id: 'Problem', description: 'An error (RFC 9457).' });

export const Language = z.enum(LANGUAGES).meta({ id: 'Language', description: 'en, hi, hi-Latn (Hinglish), bn, mr, ta, te, gu, kn, ml, pa, or.' });
export const StoreId = storeIdSchema.meta({ example: 'demo-kirana' });
export const Sku = z.string().meta({ example: 'MILK-500' });
/** An ISO timestamp as `Date.toISOString()` writes it. */
export const Timestamp = z.string().meta({ format: 'date-time', example: '2025-11-26T10:15:00.000Z' });
/** A calendar day, YYYY-MM-DD. */
export const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ format: 'date', example: '2025-11-26' });
export const Cursor = z.string().max(2000).meta({ description: 'Opaque: pass the previous page’s `cursor` to read on.' });

/** What a route that enqueues or reads a queue answers while the queue is down. */
export const QUEUE_DOWN = ['QUEUE.UNAVAILABLE', 'QUEUE.CLOSED'] as const;

/** `?lang=`: the language of the words in the answer (default the store's). */
export const LangQuery = z.object({ lang: Language.optional() });

/** Store routes act on the caller's store; an admin names it here. */
export const StoreHeaders = z.object({
  'X-Store-Id': StoreId.optional().meta({ description: 'The store to act on: required for admins; owners may send only their own.' }),
});

/** A list and, when there is more, the cursor of the next page. */
export function page<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), cursor: Cursor.optional() });
}

/** How forecasts did against actual sales. */
const accuracyFields = {
  days: z.number().int().meta({ description: 'Days with both a forecast and a reported actual.' }),
  mae: z.number(),
  mase: z.number().nullable().meta({ description: 'Below 1 beats “same as last week”; null when sales never change.' }),
  mape: z.number().nullable(),
  bias: z.number().meta({ description: 'Mean forecast minus actual: positive when forecasts ran high.' }),
  coverage80: z.number(),
  coverage95: z.number(),
};
export const ProductAccuracy = z.strictObject({ sku: Sku, ...accuracyFields }).meta({ id: 'ProductAccuracy' });
export const AccuracySummary = z.strictObject({ products: z.number().int(), ...accuracyFields }).meta({ id: 'AccuracySummary' });
