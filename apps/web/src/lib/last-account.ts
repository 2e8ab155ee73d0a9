/**
 * The account this tab was last signed in with (user and tenant, never a password), so that
 * after a session times out the login page can say so and keep both filled in. Per tab
 * (sessionStorage), forgotten on logout.
 */
const KEY = 'obconsole.lastAccount';

export interface LastAccount {
  user: string;
  tenant: string;
}

export function rememberAccount(a: LastAccount): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ user: a.user, tenant: a.tenant }));
  } catch {
    // Storage disabled: the login page simply starts empty.
  }
}

export function lastAccount(): LastAccount | undefined {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<LastAccount> | null;
    return v && typeof v.user === 'string' && typeof v.tenant === 'string'
      ? { user: v.user, tenant: v.tenant }
      : undefined;
  } catch {
    return undefined;
  }
}

export function forgetAccount(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing to forget
  }
}
