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

/** Placeholder names; `{{name, josa(p: 을/를)}}` (Korean particles) counts as `name`. */
const interpolations = (s: string) => [...new Set([...s.matchAll(/\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]))].sort();

/** i18next plural forms: English has `_one` and `_other`, Korean one form (with or without `_other`). */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');
const baseKeys = (o: unknown) => [...new Set(keysOf(o).map(base))].sort();
const get = (o: unknown, key: string) => key.split('.').reduce<unknown>((a, k) => (a as Record<string, unknown>)?.[k], o) as string | undefined;
/** Every form of a key present in `o` (the key itself, or its plural forms). */
const forms = (o: unknown, key: string) => keysOf(o).filter((k) => base(k) === key).map((k) => get(o, k)!);

describe('translations', () => {
  it('the preview-only namespace (file dialogs of the browser shell) has the same keys and placeholders in ko and en', () => {
    const load = (l: string) => JSON.parse(readFileSync(`${srcDir}i18n/${l}/preview.json`, 'utf8')) as Record<string, string>;
    const [ko, en] = [load('ko'), load('en')];
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
    for (const k of Object.keys(ko)) expect(interpolations(en[k]!), k).toEqual(interpolations(ko[k]!));
  });

  it('Korean and English have the same namespaces and keys (plural forms aside)', () => {
    expect(Object.keys(resources.ko).sort()).toEqual(Object.keys(resources.en).sort());
    for (const ns of Object.keys(resources.ko) as (keyof typeof resources.ko)[]) {
      expect(baseKeys(resources.en[ns]), `namespace ${ns}`).toEqual(baseKeys(resources.ko[ns]));
    }
  });

  it('every string has the same {{placeholders}} in both languages and none is empty', () => {
    for (const ns of Object.keys(resources.ko) as (keyof typeof resources.ko)[]) {
      for (const key of baseKeys(resources.ko[ns])) {
        if (!key) continue;
        const ko = forms(resources.ko[ns], key);
        const en = forms(resources.en[ns], key);
        for (const s of [...ko, ...en]) expect(s.trim(), `${ns}:${key}`).not.toBe('');
        for (const s of en) expect(interpolations(s), `${ns}:${key}`).toEqual(interpolations(ko[0]!));
      }
    }
  });

  it('English plurals are i18next plural forms, never "(s)"; a plural key has both _one and _other', () => {
    for (const ns of Object.keys(resources.en) as (keyof typeof resources.en)[]) {
      const keys = keysOf(resources.en[ns]);
      for (const key of keys) {
        expect(get(resources.en[ns], key), `${ns}:${key}`).not.toMatch(/\w\(s\)/);
        if (key.endsWith('_one')) expect(keys, `${ns}:${key}`).toContain(key.replace(/_one$/, '_other'));
      }
    }
  });

  it('Korean particles after a value come from the word (josa formatter), never "을(를)" or a fixed particle', () => {
    for (const ns of Object.keys(resources.ko) as (keyof typeof resources.ko)[]) {
      for (const key of keysOf(resources.ko[ns])) {
        const s = get(resources.ko[ns], key)!;
        expect(s, `${ns}:${key}`).not.toMatch(/(을\(를\)|를\(을\)|이\(가\)|은\(는\)|와\(과\)|\(으\)로)/);
        // A particle straight after a placeholder (or its closing quote) must be chosen from the value.
        expect(s, `${ns}:${key}`).not.toMatch(/\}\}['’]?(을|를|이|가|은|는|와|과|으로|로)(?![가-힣])/);
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
