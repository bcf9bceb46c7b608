/**
 * Understanding owner messages in 12 languages without an LLM. The bot uses `parseMessage`;
 * `parseForContract` is the stable shape of `npm run nlu`.
 */
export { parseMessage, editDistance, type Parse, type Quantity, type ProductMention, type Catalogue } from './parse.js';
export { detectLanguage, type Detection } from './language.js';
export { PhraseIndex } from './phrase-index.js';
import { parseMessage } from './parse.js';

export interface ContractParse {
  lang: string;
  intent: string;
  product: string | null;
  quantity: number | null;
}

/** The `npm run nlu -- --jsonl` answer for one message (no store catalogue: built-in products only). */
export function parseForContract(text: string): ContractParse {
  const parse = parseMessage(text);
  return {
    lang: parse.language ?? 'en',
    intent: parse.intent,
    product: parse.product?.canonical ?? null,
    quantity: parse.quantity?.value ?? null,
  };
}
