import { Alert, Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DemoAccount } from '@obconsole/contracts';

interface Props {
  /** The cluster (or, on the fleet pages, one of them) is the embedded simulator. */
  simulated: boolean;
  /** The chosen cluster's demo logins (login page only). */
  accounts?: DemoAccount[];
  /** Login page: each demo login is a button that fills the form. Elsewhere only the notice shows. */
  onPick?: (account: { tenant: string; user: string }) => void;
}

/** Says so when the console runs on the embedded simulator, and lists the demo logins. */
export function SimulatedBanner({ simulated, accounts = [], onPick }: Props) {
  const { t } = useTranslation();
  if (!simulated) return null;
  if (!onPick) {
    // Signed in: one line, so every screen keeps its room.
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
  return (
    <Alert
      type="info"
      role="note"
      showIcon
      title={t('sim.title')}
      description={
        <>
          <div>{t('sim.text')}</div>
          {accounts.length > 0 && (
            <>
              <div style={{ marginTop: 8 }}>{t('sim.demoAccounts')}</div>
              <Flex
                component="ul"
                wrap
                gap={8}
                style={{ listStyle: 'none', padding: 0, margin: '4px 0 0' }}
              >
                {accounts.map((a) => (
                  <li key={`${a.user}@${a.tenant}`} style={{ maxWidth: '100%' }}>
                    <Button
                      size="small"
                      // Long role texts wrap inside the banner instead of running out of it.
                      style={{
                        height: 'auto',
                        maxWidth: '100%',
                        whiteSpace: 'normal',
                        textAlign: 'left',
                      }}
                      title={t('sim.fill', { user: a.user, tenant: a.tenant })}
                      onClick={() => onPick({ tenant: a.tenant, user: a.user })}
                    >
                      <code>
                        {a.user}@{a.tenant}
                      </code>
                      <span>— {a.roleKey ? t(`sim.role.${a.roleKey}`) : a.role}</span>
                    </Button>
                  </li>
                ))}
              </Flex>
            </>
          )}
        </>
      }
    />
  );
}
