/**
 * The account this tab was last signed in with on each cluster (user and tenant, never a
 * password), so that after a sign-in times out the login page can say so and keep both filled
 * in. Per tab (sessionStorage), forgotten on sign-out.
 */
const KEY = 'obconsole.lastAccount';

export interface LastAccount {
  user: string;
  tenant: string;
}

type Accounts = Record<string, LastAccount>;

function read(): Accounts {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Accounts = {};
    for (const [cluster, a] of Object.entries(v as Record<string, Partial<LastAccount>>)) {
      if (a && typeof a.user === 'string' && typeof a.tenant === 'string')
        out[cluster] = { user: a.user, tenant: a.tenant };
    }
    return out;
  } catch {
    return {};
  }
}

function write(accounts: Accounts): void {
  try {
    if (Object.keys(accounts).length === 0) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, JSON.stringify(accounts));
  } catch {
    // Storage disabled: the login page simply starts empty.
  }
}

export function rememberAccount(clusterId: string, a: LastAccount): void {
  write({ ...read(), [clusterId]: { user: a.user, tenant: a.tenant } });
}

export function lastAccount(clusterId: string): LastAccount | undefined {
  return read()[clusterId];
}

export function forgetAccount(clusterId: string): void {
  const rest = read();
  delete rest[clusterId];
  write(rest);
}

export function forgetAllAccounts(): void {
  write({});
}
