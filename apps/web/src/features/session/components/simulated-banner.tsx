import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The cluster (or, on the fleet pages, one of them) is the embedded simulator. */
  simulated: boolean;
}

/** Says so, on the signed-in screens, when the console runs on the embedded simulator. */
export function SimulatedBanner({ simulated }: Props) {
  const { t } = useTranslation();
  if (!simulated) return null;
  // Signed in: one line, so every screen keeps its room (the login page has DemoLogins).
  return (
    <Alert
      type="info"
      role="note"
      showIcon
      title={
        <>
          <strong>{t('sim.title')}</strong> — {t('sim.text')}
        </>
      }
    />
  );
}
