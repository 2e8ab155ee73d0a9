import { theme } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The loading state of a screen; keeps some height so the layout does not jump. A CSS spinner
 * rather than antd's Spin: this is the router's fallback, part of every first download.
 */
export function PageLoading({ minHeight = 240 }: { minHeight?: number }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
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
        style={{ borderColor: token.colorPrimaryBg, borderTopColor: token.colorPrimary }}
      />
      <span style={{ color: token.colorTextSecondary }}>{t('common.loading')}</span>
    </div>
  );
}
