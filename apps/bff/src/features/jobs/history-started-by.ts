import type { HistoryItem, StartedBy } from '@obconsole/contracts';

/**
 * Who started the given jobs according to the console's audit trail: `user@tenant` (or
 * `policy:<name>`) by `tenant:jobId` (tenant lower-cased). One lookup serves a whole page.
 */
export type StarterLookup = (
  jobs: readonly { tenantName: string; jobId: number; startTime: string }[],
) => Promise<Map<string, string>>;

export const starterKey = (tenant: string, jobId: number): string =>
  `${tenant.toLowerCase()}:${jobId}`;

function fromActor(actor: string): StartedBy {
  return actor.startsWith('policy:')
    ? { kind: 'policy', policy: actor.slice('policy:'.length) }
    : { kind: 'person', actor };
}

/**
 * "Started by" for a page of jobs: a policy's DESCRIPTION says so itself; otherwise the person
 * the audit trail names; otherwise the job was started outside the console. Without a lookup
 * (no store), items keep what their description says.
 */
export async function withStartedBy(
  items: HistoryItem[],
  lookup: StarterLookup | undefined,
): Promise<HistoryItem[]> {
  const open = items.filter((i) => i.startedBy.kind === 'outside');
  if (!lookup || open.length === 0) return items;
  const starters = await lookup(open);
  return items.map((i) => {
    if (i.startedBy.kind !== 'outside') return i;
    const actor = starters.get(starterKey(i.tenantName, i.jobId));
    return actor ? { ...i, startedBy: fromActor(actor) } : i;
  });
}
