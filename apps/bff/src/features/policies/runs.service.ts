import type { PolicyRunsPage, PolicyTimeline, TimelineEntry } from '@obconsole/contracts';
import { policySlots } from '@obconsole/contracts';
import type { AccountContext } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import { canRead, ownTenantOf } from './access.js';
import { load, stored, type PolicyDeps } from './policy-deps.js';
import { schedulesOf, toRun } from './view.js';

const TIMELINE_MAX_PER_POLICY = 500;

interface RunsCursor {
  slot: string;
  id: string;
}

function decodeCursor(c: string): RunsCursor {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as Partial<RunsCursor>;
    if (
      typeof v.slot === 'string' &&
      Number.isFinite(Date.parse(v.slot)) &&
      typeof v.id === 'string'
    )
      return { slot: v.slot, id: v.id };
  } catch {
    // falls through to the error below
  }
  throw new AppError('INVALID_CURSOR', 'This runs cursor is not valid: start from the first page.');
}

export async function policyRuns(
  d: PolicyDeps,
  ctx: AccountContext,
  id: string,
  q: { cursor?: string | undefined; limit: number },
): Promise<PolicyRunsPage> {
  await load(d, ctx, id);
  const before = q.cursor ? decodeCursor(q.cursor) : undefined;
  const rows = await stored(() => d.runs.page(d.clusterId, id, q.limit + 1, before));
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    runs: page.map((r) => toRun(r, ownTenantOf(ctx))),
    nextCursor:
      rows.length > q.limit && last
        ? Buffer.from(JSON.stringify({ slot: last.slot, id: last.id })).toString('base64url')
        : null,
  };
}

/** The next `days` of runs of every enabled policy this session may read, in time order. */
export async function policyTimeline(
  d: PolicyDeps,
  ctx: AccountContext,
  days: number,
): Promise<PolicyTimeline> {
  const from = d.now();
  const to = from + days * 86_400_000;
  const all = await stored(() => d.policies.list(d.clusterId));
  const runs: TimelineEntry[] = [];
  let truncated = false;
  for (const p of all.filter((x) => x.enabled && canRead(ctx, x))) {
    let n = 0;
    for (const s of policySlots(schedulesOf(p), from)) {
      if (Date.parse(s.at) > to) break;
      if (++n > TIMELINE_MAX_PER_POLICY) {
        truncated = true;
        break;
      }
      runs.push({ ...s, policyId: p.id, policyName: p.name, timeZone: p.timeZone });
    }
  }
  runs.sort((a, b) => a.at.localeCompare(b.at) || a.policyName.localeCompare(b.policyName));
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    runs,
    ...(truncated ? { truncated } : {}),
  };
}
