import type {
  BackupSet,
  BackupTask,
  EncryptionMode,
  HistoryDetail,
  HistoryItem,
  HistoryPage,
  HistoryQuery,
  TaskStatus,
} from '@obconsole/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../lib/context.js';
import { questionOf } from '../../lib/account-reads.js';
import { AppError } from '../../lib/errors.js';
import { isoToObTime, obTimeToIso, parseIsoUtc } from '../../lib/rows.js';
import { selectTenants } from '../jobs/directory.sql.js';
import { readActiveJobs } from '../jobs/active.js';
import type { CursorCodec } from '../../lib/cursor.js';
import { backupTypeOf, startedByOfDescription, toHistoryItems } from '../jobs/history-rows.js';
import { selectBackupSet, selectTasksOfJob } from './history-detail.sql.js';
import { withStartedBy, type StarterLookup } from './history-started-by.js';
import {
  selectHistoryCount,
  selectHistoryJob,
  selectHistoryPage,
  type HistoryFilter,
  type HistoryKey,
  type HistoryRow,
} from '../jobs/history.sql.js';

type Query = z.output<typeof HistoryQuery>;

/**
 * Reads a part of the answer that other requests of the same account may be reading at that
 * moment (lib/account-reads.ts): the tenant list and a filter's count do not depend on the page
 * asked for, so operators paging with their own page sizes share them.
 */
export type ShareRead = <T>(question: string, read: () => Promise<T>) => Promise<T>;

const unshared: ShareRead = (_question, read) => read();

interface Resolved {
  filter: HistoryFilter;
  /**
   * Tenant names by id. Without a tenant filter nothing waits for the tenant list, so the page,
   * the count and the list are read side by side: one round trip less per page.
   */
  names: Promise<(id: number) => string>;
  /** The filter names a tenant this session cannot see: the answer is empty. */
  empty: boolean;
}

async function resolveFilter(
  ctx: RequestContext,
  q: Query,
  share: ShareRead = unshared,
): Promise<Resolved> {
  const tenantsRead = ctx.scope.isSys
    ? share('tenant-directory', () => selectTenants(ctx.db, ctx.scope))
    : null;
  const names = tenantsRead
    ? tenantsRead.then(
        (tenants) => (id: number) => tenants.find((t) => t.tenantId === id)?.name ?? String(id),
      )
    : Promise.resolve(() => ctx.profile.tenant);
  // Read by the caller together with its own reads, which report a failure; until then (and if
  // this function throws first) a failed tenant read must not be an unhandled rejection.
  names.catch(() => undefined);
  const filter: HistoryFilter = {};
  let empty = false;
  if (q.tenant) {
    if (tenantsRead) {
      const tenants = await tenantsRead;
      const t = tenants.find((x) => x.name.toLowerCase() === q.tenant!.toLowerCase());
      if (!t)
        throw new AppError(
          'TENANT_NOT_FOUND',
          `Tenant "${q.tenant}" does not exist, or this account cannot see it.`,
          undefined,
          { tenant: q.tenant },
        );
      filter.tenantId = t.tenantId;
    } else if (q.tenant.toLowerCase() !== ctx.profile.tenant.toLowerCase()) {
      empty = true;
    }
  }
  if (q.type) filter.backupType = q.type === 'incremental' ? 'INC' : 'FULL';
  if (q.status) filter.status = q.status;
  if (q.from) filter.from = isoToObTime(new Date(parseIsoUtc(q.from)).toISOString());
  if (q.to) {
    // A bare date means "through the end of that day"; a time is inclusive to the millisecond.
    const end = /^\d{4}-\d{2}-\d{2}$/.test(q.to)
      ? parseIsoUtc(q.to) + 86_400_000
      : parseIsoUtc(q.to) + 1;
    filter.toExclusive = isoToObTime(new Date(end).toISOString());
  }
  return { filter, names, empty };
}

function keyOf(r: HistoryRow): HistoryKey {
  return { startTimestamp: r.startTimestamp, tenantId: r.tenantId, jobId: r.jobId };
}

export async function historyPage(
  ctx: RequestContext,
  q: Query,
  cursors: CursorCodec,
  starters?: StarterLookup,
  share: ShareRead = unshared,
): Promise<HistoryPage> {
  const after = q.cursor ? cursors.decode(q.cursor, q.order) : null;
  const { filter, names, empty } = await resolveFilter(ctx, q, share);
  if (empty) return { items: [], nextCursor: null, total: 0 };
  const [rows, total, nameOf] = await Promise.all([
    selectHistoryPage(ctx.db, ctx.scope, filter, after, q.order, q.limit + 1),
    share(questionOf('history-count', { ...filter }), () =>
      selectHistoryCount(ctx.db, ctx.scope, filter),
    ),
    names,
  ]);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: await withStartedBy(await toHistoryItems(ctx.db, ctx.scope, page, nameOf), starters),
    nextCursor: rows.length > q.limit && last ? cursors.encode(keyOf(last), q.order) : null,
    total,
  };
}

/** Every page of the filter, in chunks, for the CSV export: memory stays flat whatever the size. */
export async function* historyRows(
  ctx: RequestContext,
  q: Query,
  chunk = 1000,
  starters?: StarterLookup,
): AsyncGenerator<HistoryItem[]> {
  const { filter, names, empty } = await resolveFilter(ctx, q);
  if (empty) return;
  const nameOf = await names;
  let after: HistoryKey | null = null;
  for (;;) {
    const rows = await selectHistoryPage(ctx.db, ctx.scope, filter, after, q.order, chunk);
    if (rows.length === 0) return;
    yield await withStartedBy(await toHistoryItems(ctx.db, ctx.scope, rows, nameOf), starters);
    if (rows.length < chunk) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

export async function historyDetail(
  ctx: RequestContext,
  tenantId: number,
  jobId: number,
  starters?: StarterLookup,
): Promise<HistoryDetail> {
  if (!ctx.scope.isSys && tenantId !== ctx.profile.tenantId) {
    throw new AppError(
      'NOT_FOUND',
      `No backup job ${jobId} of tenant ${tenantId} is visible to this session.`,
      undefined,
      { variant: 'job', jobId, tenant: tenantId },
    );
  }
  const tenants = ctx.scope.isSys ? await selectTenants(ctx.db, ctx.scope) : [];
  const name = ctx.scope.isSys
    ? (tenants.find((t) => t.tenantId === tenantId)?.name ?? String(tenantId))
    : ctx.profile.tenant;
  let job: HistoryItem | null = null;
  const row = await selectHistoryJob(ctx.db, ctx.scope, tenantId, jobId);
  if (row) {
    job = (await toHistoryItems(ctx.db, ctx.scope, [row], () => name))[0] ?? null;
  } else {
    // Still running: the detail of an active job reads the live views.
    const active = await readActiveJobs(ctx.db, ctx.scope, () => name, false);
    const a = active.find((j) => j.tenantId === tenantId && j.jobId === jobId);
    if (a) {
      job = {
        tenantId: a.tenantId,
        tenantName: a.tenantName,
        jobId: a.jobId,
        backupSetId: a.backupSetId,
        level: a.level,
        type: a.type,
        status: a.status,
        initiator: a.initiator,
        plusArchivelog: a.plusArchivelog,
        encryptionMode: a.encryptionMode,
        description: a.description,
        startTime: a.startTime,
        endTime: null,
        elapsedSeconds: null,
        outputBytes: a.progress.outputBytes,
        minRestoreScnDisplay: null,
        result: 0,
        comment: '',
        path: a.path,
        startedBy: startedByOfDescription(a.description),
      };
    }
  }
  if (!job)
    throw new AppError(
      'NOT_FOUND',
      `Backup job ${jobId} of tenant ${name} was not found.`,
      undefined,
      {
        variant: 'job',
        jobId,
        tenant: name,
      },
    );
  const found = job;
  job = (await withStartedBy([found], starters))[0] ?? found;
  const [tasks, set] = await Promise.all([
    selectTasksOfJob(ctx.db, ctx.scope, tenantId, jobId),
    job.backupSetId > 0
      ? selectBackupSet(ctx.db, ctx.scope, tenantId, job.backupSetId)
      : Promise.resolve(null),
  ]);
  const backupTasks: BackupTask[] = tasks.map((t) => ({
    taskId: t.taskId,
    status: t.status as TaskStatus,
    startTime: obTimeToIso(t.startTimestamp),
    endTime: t.endTimestamp ? obTimeToIso(t.endTimestamp) : null,
    startScn: t.startScn,
    endScn: t.endScn,
    inputBytes: t.inputBytes,
    outputBytes: t.outputBytes,
    outputRateBytes: t.outputRateBytes,
    tabletCount: t.tabletCount,
    finishTabletCount: t.finishTabletCount,
    macroBlockCount: t.macroBlockCount,
    finishMacroBlockCount: t.finishMacroBlockCount,
    fileCount: t.fileCount,
    result: t.result,
    comment: t.comment,
    path: t.path,
  }));
  const backupSet: BackupSet | null = set
    ? {
        backupSetId: set.backupSetId,
        type: backupTypeOf(set.backupType),
        status: set.status,
        fileStatus: set.fileStatus,
        prevFullBackupSetId: set.prevFullBackupSetId,
        prevIncBackupSetId: set.prevIncBackupSetId,
        startTime: obTimeToIso(set.startTimestamp),
        endTime: set.endTimestamp ? obTimeToIso(set.endTimestamp) : null,
        elapsedSeconds: set.elapsedSeconds,
        inputBytes: set.inputBytes,
        outputBytes: set.outputBytes,
        encryptionMode: (set.encryptionMode || 'NONE') as EncryptionMode,
        minRestoreScnDisplay: set.minRestoreScnDisplay,
        tenantCompatible: set.tenantCompatible,
        clusterVersion: set.clusterVersion,
        path: set.path,
      }
    : null;
  return { job, tasks: backupTasks, backupSet };
}
