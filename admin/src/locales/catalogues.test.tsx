/**
 * Every word the panel shows comes from the catalogues: each key the code asks for exists in
 * English and in Hindi, so no screen ever shows a raw key like `upload.row`.
 */
/// <reference types="node" />
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import hi from './hi.json';

const SOURCE = join(import.meta.dirname, '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.includes('.test.') ? [path] : [];
  });
}

/** Keys written out in `t('…')` calls; keys built at run time (`units.${unit}`) are checked by the screens' tests. */
function keysUsed(): string[] {
  const keys = sourceFiles(SOURCE).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)].map((m) => m[1]!));
  return [...new Set(keys)].sort();
}

/** Whether a catalogue has a key, directly or as i18next's plural forms (`_one`, `_other`). */
function has(catalogue: unknown, key: string): boolean {
  const parts = key.split('.');
  const leaf = parts.pop()!;
  let node = catalogue as Record<string, unknown> | undefined;
  for (const part of parts) node = node?.[part] as Record<string, unknown> | undefined;
  return typeof node?.[leaf] === 'string' || typeof node?.[`${leaf}_other`] === 'string';
}

describe('catalogues', () => {
  const used = keysUsed();

  it('finds the keys the screens use', () => {
    expect(used.length).toBeGreaterThan(100);
  });

  it.each([['en', en], ['hi', hi]])('%s has every key', (_language, catalogue) => {
    expect(used.filter((key) => !has(catalogue, key))).toEqual([]);
  });
});
