/** Intent → handler. Intents without a handler yet get the help text rather than silence. */
import type { Handler } from './context.js';
import { forecast } from './handlers/forecast.js';
import { reorder } from './handlers/reorder.js';
import { greeting, help, unknown } from './handlers/simple.js';
import type { Intent } from './intents.js';

const handlers: Partial<Record<Intent, Handler>> = { forecast, reorder, greeting, help, unknown };

export function handlerFor(intent: Intent): Handler {
  return handlers[intent] ?? help;
}
