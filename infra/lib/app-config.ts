/**
 * The app's own configuration contract, seen from the infrastructure: the names of the
 * variables `src/config.ts` parses (a typo is a compile error here) and its defaults (the
 * Bedrock models, the region, the queue prefix), so infra and app cannot drift apart.
 */
import { loadConfig, type Config } from '../../src/config.js';

/** A variable `src/config.ts` reads. Every environment variable or secret the stack sets is one. */
export type ConfigKey = keyof Config;

/** The app's defaults: what it would use with an empty environment. */
export const APP_DEFAULTS: Config = loadConfig({});
