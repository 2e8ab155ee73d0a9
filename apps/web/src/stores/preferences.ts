import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { env } from '../config/env';

export type Language = 'en' | 'zh-CN';
export type ThemeMode = 'light' | 'dark';
export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

interface PreferencesState {
  language: Language;
  theme: ThemeMode;
  setLanguage: (language: Language) => void;
  setTheme: (theme: ThemeMode) => void;
}

/** A first visit follows the browser: any Chinese browser language gets zh-CN. */
export function browserLanguage(languages: readonly string[] = navigatorLanguages()): Language {
  for (const l of languages) {
    const lower = l.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function navigatorLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** A first visit follows the system's colour scheme. */
export function systemTheme(): ThemeMode {
  return typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

// UI preferences only, remembered in localStorage. Never anything from the server, never a secret.
const usePreferencesStore = create<PreferencesState>()(
  persist(
    (set) => ({
      language: browserLanguage(),
      theme: systemTheme(),
      setLanguage: (language) => set({ language }),
      setTheme: (theme) => set({ theme }),
    }),
    {
      name: `${env.storagePrefix}.preferences`,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ language: s.language, theme: s.theme }),
      merge: (persisted, current) => {
        const p = (persisted ?? {}) as Partial<PreferencesState>;
        return {
          ...current,
          language: p.language && LANGUAGES.includes(p.language) ? p.language : current.language,
          theme: p.theme === 'dark' || p.theme === 'light' ? p.theme : current.theme,
        };
      },
    },
  ),
);

// A language or theme chosen in another tab of the console applies in this one too: the browser
// announces the change to the other tabs with a 'storage' event.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === usePreferencesStore.persist.getOptions().name)
      void usePreferencesStore.persist.rehydrate();
  });
}

export const useLanguage = () => usePreferencesStore((s) => s.language);
export const useSetLanguage = () => usePreferencesStore((s) => s.setLanguage);
export const useThemeMode = () => usePreferencesStore((s) => s.theme);
export const useSetThemeMode = () => usePreferencesStore((s) => s.setTheme);

/** Back to a first visit's choices (tests: one document serves many files). */
export const resetPreferences = () =>
  usePreferencesStore.setState({ language: browserLanguage(), theme: systemTheme() });

/** For code outside React (i18n start-up). */
export const getLanguage = () => usePreferencesStore.getState().language;
export const subscribeLanguage = (fn: (language: Language) => void) =>
  usePreferencesStore.subscribe((s, prev) => {
    if (s.language !== prev.language) fn(s.language);
  });
