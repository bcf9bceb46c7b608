/** What an owner can ask for. The walking skeleton understands the first few in English. */
export const INTENTS = [
  'forecast', 'reorder', 'price_check', 'set_price', 'log_sale', 'log_stock', 'insights', 'add_product',
  'help', 'greeting', 'change_language', 'stop', 'start', 'undo', 'onboarding', 'unknown',
] as const;

export type Intent = (typeof INTENTS)[number];
