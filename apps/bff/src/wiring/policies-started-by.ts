import { startersInWindows, type Store } from '@obconsole/store';
import type { Logger } from '../lib/logger.js';
import { starterKey, type StarterLookup } from '../features/jobs/history-started-by.js';

/**
 * How far an audit event's time may be from its job's start time: the event is written after
 * the job was read back (seconds), and the console's and OceanBase's clocks may differ a little.
 * A skew beyond this shows the job as started outside the console.
 */
const WINDOW_MS = 15 * 60_000;

/**
 * Started-by from the audit trail: the page's start times become a few merged windows, read in
 * one store query, and each event's recorded jobs are matched by (tenant, job id).
 */
export function auditStarterLookup(store: Store, clusterId: string, log: Logger): StarterLookup {
  return async (jobs) => {
    const times = jobs
      .map((j) => Date.parse(j.startTime))
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
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
      events = await startersInWindows(store, clusterId, windows);
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
