/** Replies that need nothing but the catalog text. */
import type { Handler } from '../context.js';

export const greeting: Handler = async (ctx) => ctx.t('greeting');
export const help: Handler = async (ctx) => ctx.t('help');
export const unknown: Handler = async (ctx) => ctx.t('unknown');
