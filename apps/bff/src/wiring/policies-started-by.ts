import { oldestStarterMs, startersInWindows, type Store } from '@obconsole/store';
import type { Logger } from '../lib/logger.js';
import { starterKey, type StarterLookup } from '../features/jobs/history-started-by.js';

/**
 * How far an audit event's time may be from its job's start time: the event is written after
 * the job was read back (seconds), and the console's and OceanBase's clocks may differ a little.
 * A skew beyond this shows the job as started outside the console.
 */
const WINDOW_MS = 15 * 60_000;

/** How long a read floor is kept before it is read again (retention only ever raises it). */
const FLOOR_TTL_MS = 60 * 60_000;

/** The store reads a lookup makes; a test counts them. */
export interface StarterReads {
  startersInWindows: typeof startersInWindows;
  oldestStarterMs: typeof oldestStarterMs;
}

/**
 * Started-by from the audit trail: the page's start times become a few merged windows, read in
 * one store query, and each event's recorded jobs are matched by (tenant, job id). A page whose
 * jobs all started more than a window before the trail's floor (its oldest backup_start, or the
 * time the floor was read when it had none: events are written at the store's now) costs no
 * query: the floor, read once an hour, only ever rises, so a stale one just skips less.
 */
export function auditStarterLookup(
  store: Store,
  clusterId: string,
  log: Logger,
  reads: StarterReads = { startersInWindows, oldestStarterMs },
): StarterLookup {
  let floor: { ms: number; readAt: number } | undefined;
  const floorMs = async (): Promise<number> => {
    const now = store.now();
    if (floor && now - floor.readAt < FLOOR_TTL_MS) return floor.ms;
    // Another instance's clock may be a little behind this one's: a window of slack.
    const oldest = (await reads.oldestStarterMs(store, clusterId)) ?? now - WINDOW_MS;
    floor = { ms: Math.min(oldest, now - WINDOW_MS), readAt: now };
    return floor.ms;
  };
  return async (jobs) => {
    const times = jobs
      .map((j) => Date.parse(j.startTime))
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    try {
      const newest = times[times.length - 1];
      if (newest === undefined || newest + WINDOW_MS < (await floorMs()))
        return new Map<string, string>();
    } catch (err) {
      log.warn({ err }, 'started-by lookup failed; jobs show as started outside the console');
      return new Map<string, string>();
    }
    const windows: { fromMs: number; toMs: number }[] = [];
    for (const t of times) {
      const last = windows[windows.length - 1];
      if (last && t - WINDOW_MS <= last.toMs) last.toMs = t + WINDOW_MS;
      else windows.push({ fromMs: t - WINDOW_MS, toMs: t + WINDOW_MS });
    }
    const startOf = new Map(
      jobs.map((j) => [starterKey(j.tenantName, j.jobId), Date.parse(j.startTime)]),
    );
    let events;
    try {
      events = await reads.startersInWindows(store, clusterId, windows);
    } catch (err) {
      // History comes from OceanBase: a store that is down costs the names, not the page.
      log.warn({ err }, 'started-by lookup failed; jobs show as started outside the console');
      return new Map<string, string>();
    }
    // A job id matched by several events (a recreated cluster reuses ids): the nearest in time.
    const best = new Map<string, { actor: string; distance: number }>();
    for (const e of events)
      for (const j of e.jobs) {
        const key = starterKey(j.tenant, j.jobId);
        const start = startOf.get(key);
        if (start === undefined) continue;
        const distance = Math.abs(e.timeMs - start);
        if (distance > WINDOW_MS) continue;
        const seen = best.get(key);
        if (!seen || distance < seen.distance) best.set(key, { actor: e.actor, distance });
      }
    const out = new Map([...best].map(([k, v]) => [k, v.actor]));
    return out;
  };
}
