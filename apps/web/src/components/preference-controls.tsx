import { Flex, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  LANGUAGES,
  useLanguage,
  useSetLanguage,
  useSetThemeMode,
  useThemeMode,
  type Language,
} from '../stores/preferences';

// Each language is named in itself, so it can be found whatever the current language is.
const languageNames: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

export function LanguageSelect() {
  const { t } = useTranslation();
  const language = useLanguage();
  const setLanguage = useSetLanguage();
  return (
    <Select<Language>
      aria-label={t('nav.language')}
      value={language}
      onChange={setLanguage}
      options={LANGUAGES.map((l) => ({ value: l, label: languageNames[l] }))}
      style={{ width: 120 }}
      popupMatchSelectWidth={false}
    />
  );
}

/** `compact`: the visible caption goes (the switch keeps its accessible name). */
export function ThemeSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const mode = useThemeMode();
  const setMode = useSetThemeMode();
  const id = 'theme-switch';
  return (
    <Flex align="center" gap={6}>
      <Switch
        id={id}
        size="small"
        title={compact ? t('nav.darkMode') : undefined}
        aria-label={t('nav.darkMode')}
        checked={mode === 'dark'}
        onChange={(on) => setMode(on ? 'dark' : 'light')}
      />
      {!compact && (
        <label htmlFor={id} aria-hidden style={{ cursor: 'pointer', whiteSpace: 'nowrap' }}>
          {t('nav.darkMode')}
        </label>
      )}
    </Flex>
  );
}

export function PreferenceControls({ compact = false }: { compact?: boolean }) {
  return (
    <Flex align="center" gap={compact ? 12 : 16}>
      <LanguageSelect />
      <ThemeSwitch compact={compact} />
    </Flex>
  );
}
