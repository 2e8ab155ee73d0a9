import { useTranslation } from 'react-i18next';

/**
 * The loading state of a screen; keeps some height so the layout does not jump. A CSS spinner
 * coloured by the theme's tokens (CSS custom properties, lib/theme-tokens.ts) rather than antd's
 * Spin: this is the router's fallback, part of every first download, /login's included.
 */
export function PageLoading({ minHeight = 240 }: { minHeight?: number }) {
  const { t } = useTranslation();
  return (
    <div
      role="status"
      aria-live="polite"
      style={{
        minHeight,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 12,
      }}
    >
      <span
        aria-hidden
        className="ob-spinner"
        style={{
          borderColor: 'var(--ob-color-primary-bg)',
          borderTopColor: 'var(--ob-color-primary)',
        }}
      />
      <span style={{ color: 'var(--ob-color-text-secondary)' }}>{t('common.loading')}</span>
    </div>
  );
}
