import { fileURLToPath } from 'node:url';
import { resources, SUPPORTED_LANGUAGES, type Language } from '../../../src/i18n/resources';

type KeyFn = (code: string) => string;
let keyOf: KeyFn | null = null;

/**
 * The renderer's own code → i18n key mapping (src/components/error-message.tsx), loaded at run
 * time: that file is .tsx, outside the node tsconfig, and a copy here could drift from it.
 */
export async function loadErrorMessageKey(): Promise<KeyFn> {
  if (!keyOf) {
    const file = fileURLToPath(new URL('../../../src/components/error-message.tsx', import.meta.url));
    keyOf = ((await import(/* @vite-ignore */ file)) as { errorMessageKey: KeyFn }).errorMessageKey;
  }
  return keyOf;
}

/** The message template the UI shows for `code` in `lang`, or undefined (the UI would fall back to "unknown"). */
export function messageTemplate(key: string, lang: Language): string | undefined {
  const [ns, path] = key.split(':') as [string, string];
  let node: unknown = (resources[lang] as Record<string, unknown>)[ns];
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** The languages whose resources have no message for this code (empty = a clear message everywhere). */
export async function languagesWithoutMessage(code: string): Promise<Language[]> {
  const key = (await loadErrorMessageKey())(code);
  return SUPPORTED_LANGUAGES.filter((lang) => messageTemplate(key, lang) === undefined);
}
