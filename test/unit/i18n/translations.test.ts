import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { resources } from '../../../src/i18n/resources';

const srcDir = fileURLToPath(new URL('../../../src/', import.meta.url));

const keysOf = (o: unknown, prefix = ''): string[] =>
  o && typeof o === 'object'
    ? Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];

const interpolations = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('the preview-only namespace (file dialogs of the browser shell) has the same keys and placeholders in ko and en', () => {
    const load = (l: string) => JSON.parse(readFileSync(`${srcDir}i18n/${l}/preview.json`, 'utf8')) as Record<string, string>;
    const [ko, en] = [load('ko'), load('en')];
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
    for (const k of Object.keys(ko)) expect(interpolations(en[k]!), k).toEqual(interpolations(ko[k]!));
  });

  it('Korean and English have the same namespaces and keys', () => {
    expect(Object.keys(resources.ko).sort()).toEqual(Object.keys(resources.en).sort());
    for (const ns of Object.keys(resources.ko) as (keyof typeof resources.ko)[]) {
      expect(keysOf(resources.en[ns]).sort(), `namespace ${ns}`).toEqual(keysOf(resources.ko[ns]).sort());
    }
  });

  it('every string has the same {{placeholders}} in both languages and none is empty', () => {
    for (const ns of Object.keys(resources.ko) as (keyof typeof resources.ko)[]) {
      for (const key of keysOf(resources.ko[ns])) {
        if (!key) continue;
        const get = (o: unknown) => key.split('.').reduce<unknown>((a, k) => (a as Record<string, unknown>)?.[k], o) as string;
        const ko = get(resources.ko[ns]);
        const en = get(resources.en[ns]);
        expect(ko.trim(), `${ns}:${key} (ko)`).not.toBe('');
        expect(en.trim(), `${ns}:${key} (en)`).not.toBe('');
        expect(interpolations(en), `${ns}:${key}`).toEqual(interpolations(ko));
      }
    }
  });
});

/** Text a person reads: JSX text, and the attributes screen readers and tooltips use. */
const USER_VISIBLE_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'label']);

function literalStrings(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && USER_VISIBLE_ATTRIBUTES.has(node.name.getText()) && node.initializer) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init)
        ? init
        : ts.isJsxExpression(init) && init.expression && ts.isStringLiteral(init.expression)
          ? init.expression
          : null;
      if (literal && /\p{L}/u.test(literal.text)) found.push(`${node.name.getText()}="${literal.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const tsxFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(`${dir}${e.name}/`) : e.name.endsWith('.tsx') ? [`${dir}${e.name}`] : [],
  );

describe('components', () => {
  it('use no literal user-visible strings (all text comes from src/i18n)', () => {
    const offenders = tsxFiles(srcDir).flatMap((f) => literalStrings(f).map((s) => `${f.slice(srcDir.length)}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it('the check itself catches a literal', () => {
    const tmp = `${srcDir}../test/fixtures/lint/literal-string.tsx.txt`;
    expect(literalStrings(tmp)).toEqual(['Hello there', 'aria-label="Close dialog"']);
  });
});
