import type { AuditEvent, AuditPage, AuditQuery, AuditVerifyResult } from '@obconsole/contracts';
import type { AuditFilter, AuditTrail } from '@obconsole/store';
import type { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import { parseIsoUtc } from '../../lib/rows.js';

/**
 * What a caller may read of the audit trail: the clusters whose events it sees and, for a
 * tenant admin, the one tenant its events must target. Decided by the caller's database
 * privileges (a sys account with ALTER SYSTEM: its cluster; a tenant admin: its tenant); null
 * (e.g. the read-only support account, unless the configuration grants it) reads nothing.
 */
export interface AuditAccess {
  clusters: string[];
  tenant?: string;
}

type ParsedQuery = z.output<typeof AuditQuery>;

const forbidden = (message: string) => new AppError('FORBIDDEN', message);

export function requireAccess(access: AuditAccess | null): AuditAccess {
  if (!access || access.clusters.length === 0)
    throw forbidden('Your account may not read the audit trail.');
  return access;
}

/** The store filter for a query, within what the caller may read. */
export function filterFor(
  access: AuditAccess,
  q: Omit<ParsedQuery, 'cursor' | 'limit'>,
): AuditFilter {
  if (q.cluster !== undefined && !access.clusters.includes(q.cluster))
    throw forbidden(`Your account may not read the audit trail of cluster ${q.cluster}.`);
  if (access.tenant !== undefined && q.tenant !== undefined && q.tenant !== access.tenant)
    throw forbidden(`Your account may only read the audit events of tenant ${access.tenant}.`);
  return {
    clusters: q.cluster !== undefined ? [q.cluster] : access.clusters,
    scopeTenant: access.tenant,
    actor: q.actor,
    action: q.action,
    tenant: q.tenant,
    outcome: q.outcome,
    fromMs: q.from === undefined ? undefined : parseIsoUtc(q.from),
    // A bare date means "through the end of that day", as in the backup history.
    toMs:
      q.to === undefined
        ? undefined
        : /^\d{4}-\d{2}-\d{2}$/.test(q.to)
          ? parseIsoUtc(q.to) + 86_400_000
          : parseIsoUtc(q.to) + 1,
  };
}

export async function auditPage(
  audit: AuditTrail,
  access: AuditAccess,
  q: ParsedQuery,
): Promise<AuditPage> {
  const page = await audit.page({
    ...filterFor(access, q),
    beforeId: q.cursor === undefined ? undefined : Number(q.cursor),
    limit: q.limit,
  });
  return {
    events: page.events,
    nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
  };
}

export function auditPages(
  audit: AuditTrail,
  access: AuditAccess,
  q: ParsedQuery,
): AsyncGenerator<AuditEvent[], void> {
  return audit.iterate(filterFor(access, q));
}

/**
 * Walks the chains the caller may read. A chain covers every event of its cluster, so a
 * tenant admin (who sees only its tenant's) may not run it: its counts would tell about others.
 */
export async function verifyAudit(
  audit: AuditTrail,
  access: AuditAccess,
  cluster: string | undefined,
): Promise<AuditVerifyResult> {
  if (access.tenant !== undefined)
    throw forbidden(
      'Verification walks the whole cluster trail: an account with ALTER SYSTEM in the sys tenant may run it.',
    );
  if (cluster !== undefined && !access.clusters.includes(cluster))
    throw forbidden(`Your account may not read the audit trail of cluster ${cluster}.`);
  const chains = [];
  for (const c of cluster !== undefined ? [cluster] : access.clusters)
    chains.push(await audit.verify(c));
  return { ok: chains.every((c) => c.ok), chains };
}
