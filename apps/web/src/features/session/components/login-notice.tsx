import type { ReactNode } from 'react';

interface Props {
  type: 'info' | 'warning' | 'error';
  /** `alert` for what the user must hear now (an error), `note` for the page's standing notes. */
  role: 'alert' | 'note';
  title: ReactNode;
  children?: ReactNode;
}

/** A notice of the login page: antd's Alert look (login.css), without antd. */
export function LoginNotice({ type, role, title, children }: Props) {
  return (
    <div className={`ob-login-notice ob-login-notice-${type}`} role={role}>
      <span className="ob-login-notice-icon" aria-hidden>
        {type === 'info' ? 'i' : '!'}
      </span>
      <div>
        <div className="ob-login-notice-title">{title}</div>
        {children && <div className="ob-login-notice-text">{children}</div>}
      </div>
    </div>
  );
}
