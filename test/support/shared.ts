/**
 * Where ../shared/datasets is: beside the checkout on our machines and in CI, or in /work/shared
 * when the checkout lives elsewhere (a clone in a temporary directory).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const candidates = [join(import.meta.dirname, '../../../shared/datasets'), '/work/shared/datasets'];

export const SHARED_DATASETS = candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
