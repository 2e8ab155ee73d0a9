import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import type { Locale } from 'antd/es/locale';
import { en } from './en';
import { getLanguage, subscribeLanguage, type Language } from '../stores/preferences';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** antd's own strings per loaded language; English is antd's built-in default. */
const antdLocales: Partial<Record<Language, Locale>> = {};
const loaded = new Set<Language>(['en']);

/**
 * English ships with the app; Chinese (ours, antd's and dayjs's) is fetched when first chosen,
 * so a first visit in English does not download it.
 */
async function load(language: Language): Promise<void> {
  if (loaded.has(language)) return;
  if (language === 'zh-CN') {
    const [ours, antd] = await Promise.all([
      import('./zh-CN'),
      import('antd/es/locale/zh_CN'),
      import('dayjs/locale/zh-cn'),
    ]);
    i18n.addResourceBundle('zh-CN', 'translation', ours.zhCN, true, true);
    antdLocales['zh-CN'] = antd.default;
  }
  loaded.add(language);
}

const dayjsLocale: Record<Language, string> = { en: 'en', 'zh-CN': 'zh-cn' };

/** Loads a language if needed, then switches i18next, dayjs and the document to it. */
export async function applyLanguage(language: Language): Promise<void> {
  try {
    await load(language);
  } catch {
    return; // offline or chunk missing: stay in the current language
  }
  dayjs.locale(dayjsLocale[language]);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

export function antdLocaleFor(language: string): Locale | undefined {
  return antdLocales[language as Language];
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ['en', 'zh-CN'],
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The remembered language, ready before the first render (avoids a flash of English). */
export const i18nReady: Promise<void> =
  getLanguage() === 'en' ? Promise.resolve() : applyLanguage(getLanguage());

// The preferences store is the source of truth; i18next, dayjs and antd follow it.
subscribeLanguage((language) => void applyLanguage(language));

export { i18n };
