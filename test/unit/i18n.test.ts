// Every text of the site exists in es, en, pt and fr, and every key the code uses exists.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../frontend/src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));

describe('frontend catalogs', async () => {
  // Importing the catalogs registers them; i18n keeps the list.
  (globalThis as { localStorage?: unknown }).localStorage = undefined;
  for (const file of files(SRC).filter((f) => /texts\.ts$/.test(f))) await import(file);
  const { catalogs, LANGS } = await import('../../frontend/src/i18n');
  const keys = new Set(catalogs.flatMap((c) => Object.keys(c)));

  it('have all four languages for every key, none empty', () => {
    const missing: string[] = [];
    for (const catalog of catalogs) {
      for (const [key, texts] of Object.entries(catalog)) {
        for (const lang of LANGS) if (!texts[lang]?.trim()) missing.push(`${key}:${lang}`);
      }
    }
    expect(missing).toEqual([]);
    expect(keys.size).toBeGreaterThan(20);
  });

  it('define every literal key the code passes to t()', () => {
    const used = new Set<string>();
    for (const file of files(SRC)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(match[1]);
    }
    expect([...used].filter((k) => !keys.has(k))).toEqual([]);
  });

  it('use the same placeholders in every language', () => {
    const wrong: string[] = [];
    for (const catalog of catalogs) {
      for (const [key, texts] of Object.entries(catalog)) {
        const shape = (s: string) => [...s.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort().join(',');
        if (new Set(LANGS.map((l) => shape(texts[l]))).size > 1) wrong.push(key);
      }
    }
    expect(wrong).toEqual([]);
  });
});
