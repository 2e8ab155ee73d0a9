/** Route paths of the SPA, in one place. */
export const paths = {
  login: '/login',
  tenants: '/',
  backups: '/backups',
  history: '/history',
  historyDetailPattern: '/history/:tenantId/:jobId',
} as const;

/**
 * `/login?next=<where the user was>`; `next` is only ever a same-origin path. `expired` marks a
 * session that timed out, so the login page can say so.
 */
export function loginPath(next?: string, expired = false): string {
  const sp = new URLSearchParams();
  if (next && next !== paths.tenants && !next.startsWith(paths.login)) sp.set('next', next);
  if (expired) sp.set('ended', '1');
  const q = sp.toString();
  return q ? `${paths.login}?${q}` : paths.login;
}

/** Only relative, same-origin paths are followed after login (no open redirect). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return paths.tenants;
  if (next.startsWith(paths.login)) return paths.tenants;
  return next;
}

export function historyDetailPath(tenantId: number, jobId: number, search = ''): string {
  return `${paths.history}/${tenantId}/${jobId}${search}`;
}

export interface CreatedRef {
  tenantId: number;
  jobId: number;
  tenantName: string;
}

/** The progress view, with the jobs just created highlighted: `?new=1002-5-mysql_tenant,…`. */
export function backupsPath(created?: CreatedRef[]): string {
  if (!created?.length) return paths.backups;
  return `${paths.backups}?new=${created.map((j) => `${j.tenantId}-${j.jobId}-${j.tenantName}`).join(',')}`;
}

/** Tenant names are identifiers (no '-' or ','), so the list parses back unambiguously. */
export function parseCreated(v: string | null): CreatedRef[] {
  if (!v) return [];
  const out: CreatedRef[] = [];
  for (const part of v.split(',')) {
    const [id, job, name] = part.split('-');
    const tenantId = Number(id);
    const jobId = Number(job);
    if (Number.isInteger(tenantId) && Number.isInteger(jobId) && id && job) {
      out.push({ tenantId, jobId, tenantName: name || String(tenantId) });
    }
  }
  return out;
}
