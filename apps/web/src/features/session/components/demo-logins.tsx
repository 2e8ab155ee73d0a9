import { useTranslation } from 'react-i18next';
import type { DemoAccount } from '@obconsole/contracts';
import { LoginNotice } from './login-notice';

interface Props {
  /** The chosen cluster is the embedded simulator. */
  simulated: boolean;
  /** Its demo logins. */
  accounts?: DemoAccount[];
  /** Each demo login is a button that fills the form. */
  onPick: (account: { tenant: string; user: string }) => void;
}

/** On the login page: says the cluster is the simulator, and offers its demo logins. */
export function DemoLogins({ simulated, accounts = [], onPick }: Props) {
  const { t } = useTranslation();
  if (!simulated) return null;
  return (
    <LoginNotice type="info" role="note" title={t('sim.title')}>
      <div>{t('sim.text')}</div>
      {accounts.length > 0 && (
        <>
          <div className="ob-login-demo-intro">{t('sim.demoAccounts')}</div>
          <ul className="ob-login-demo-list">
            {accounts.map((a) => (
              <li key={`${a.user}@${a.tenant}`}>
                <button
                  type="button"
                  className="ob-login-button ob-login-button-small"
                  title={t('sim.fill', { user: a.user, tenant: a.tenant })}
                  onClick={() => onPick({ tenant: a.tenant, user: a.user })}
                >
                  <code>
                    {a.user}@{a.tenant}
                  </code>{' '}
                  <span>— {a.roleKey ? t(`sim.role.${a.roleKey}`) : a.role}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </LoginNotice>
  );
}
