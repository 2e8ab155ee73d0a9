import { useTranslation } from 'react-i18next';

/** "5 min ago", in the user's language; whole units, as OCP's lists show them. */
export function useAge() {
  const { t } = useTranslation();
  return (iso: string, now: number): string => {
    const s = Math.max(0, (now - Date.parse(iso)) / 1000);
    if (s < 60) return t('ocp.tenants.ago.seconds');
    if (s < 3600) return t('ocp.tenants.ago.minutes', { count: Math.floor(s / 60) });
    if (s < 86_400) return t('ocp.tenants.ago.hours', { count: Math.floor(s / 3600) });
    return t('ocp.tenants.ago.days', { count: Math.floor(s / 86_400) });
  };
}
