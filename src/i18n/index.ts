import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { josaFormat } from './korean-particles';
import { resources, SUPPORTED_LANGUAGES, type Language } from './resources';

const STORAGE_KEY = 'language';

/** Korean unless the OS says otherwise; the user's choice is remembered. */
export function detectLanguage(stored: string | null, osLanguages: readonly string[]): Language {
  if (stored && (SUPPORTED_LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  for (const l of osLanguages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'ko' || base === 'en') return base;
  }
  return 'ko';
}

export async function initI18n(): Promise<void> {
  const lng = detectLanguage(safeGet(STORAGE_KEY), navigator.languages ?? [navigator.language]);
  document.documentElement.lang = lng;
  await i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: false,
    defaultNS: 'common',
    ns: Object.keys(resources.ko),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  addFormatters();
}

/** Korean particles chosen from the word: `{{name, josa(p: 을/를)}}` (see korean-particles.ts). */
function addFormatters(): void {
  i18next.services.formatter?.add('josa', josaFormat);
}

export async function setLanguage(lng: Language): Promise<void> {
  await i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // storage may be unavailable (private mode); the choice then lasts for this run only
  }
}

function safeGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export { SUPPORTED_LANGUAGES, type Language };
