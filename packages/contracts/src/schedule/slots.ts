import { CronError, parseCron, runsOnDay, type CronSpec } from './cron.js';
import {
  daysInMonth,
  instantsOf,
  offsetAt,
  wallTimeAt,
  weekdayOf,
  formatWall,
  type WallTime,
} from './zoned-time.js';

/**
 * When a policy runs. A slot is an instant (its unique key in the store is the policy and this
 * instant), said in the policy's own zone. DST follows the rule: a wall-clock time that
 * does not exist (spring forward) runs once at the first minute after the gap; one that exists
 * twice (fall back) runs once, at its first occurrence.
 */

export type SlotType = 'full' | 'incremental';

export interface Slot {
  /** ISO instant, UTC. */
  at: string;
  type: SlotType;
  /** The wall-clock time of the schedule it comes from, in the policy's zone. */
  local: string;
}

/** How far ahead a schedule is searched before it is called one that never runs. */
const HORIZON_DAYS = 366 * 8 + 2;
const MINUTE = 60_000;

/** The first instant at or after which the zone's offset is `after` (the end of a gap). */
function gapEnd(w: WallTime, zone: string): number {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const before = offsetAt(guess - 86_400_000, zone);
  const after = offsetAt(guess + 86_400_000, zone);
  let lo = guess - after; // still on the old offset
  let hi = guess - before; // already on the new one
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (offsetAt(mid, zone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Slot instants of one cron line strictly after `afterMs`, in order, without repeats. */
export function* cronInstants(
  spec: CronSpec,
  zone: string,
  afterMs: number,
): Generator<{ at: number; local: string }> {
  const start = wallTimeAt(afterMs, zone);
  const hours = [...spec.hours].sort((a, b) => a - b);
  const minutes = [...spec.minutes].sort((a, b) => a - b);
  let { year, month, day } = start;
  let last = afterMs;
  for (let i = 0; i < HORIZON_DAYS; i++) {
    if (runsOnDay(spec, month, day, weekdayOf(year, month, day))) {
      for (const hour of hours)
        for (const minute of minutes) {
          const w = { year, month, day, hour, minute };
          const at = instantsOf(w, zone);
          const t = at.length ? at[0]! : gapEnd(w, zone);
          if (t > last) {
            last = t;
            yield { at: t, local: formatWall(w) };
          }
        }
    }
    day += 1;
    if (day > daysInMonth(year, month)) {
      day = 1;
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
  }
}

/** A cron line parsed and checked to run at all (`0 0 30 2 *` never does). */
export function checkedCron(source: string, zone: string): CronSpec {
  const spec = parseCron(source);
  if (cronInstants(spec, zone, Date.UTC(2024, 0, 1)).next().done)
    throw new CronError(
      `"${spec.source}" never runs: no such day exists (check day-of-month against month)`,
      'day-of-month',
    );
  return spec;
}

export interface Schedules {
  full: CronSpec;
  incremental: CronSpec | null;
  timeZone: string;
}

/** The slots of a policy after `afterMs`, merged; where a full and an incremental coincide, full wins. */
export function* policySlots(s: Schedules, afterMs: number): Generator<Slot> {
  const full = cronInstants(s.full, s.timeZone, afterMs);
  const inc = s.incremental ? cronInstants(s.incremental, s.timeZone, afterMs) : null;
  let f = full.next();
  let i = inc?.next();
  while (!f.done || (i && !i.done)) {
    if (!f.done && (!i || i.done || f.value.at <= i.value.at)) {
      if (i && !i.done && i.value.at === f.value.at) i = inc!.next();
      yield { at: new Date(f.value.at).toISOString(), type: 'full', local: f.value.local };
      f = full.next();
    } else if (i && !i.done) {
      yield { at: new Date(i.value.at).toISOString(), type: 'incremental', local: i.value.local };
      i = inc!.next();
    }
  }
}

export function nextSlots(s: Schedules, afterMs: number, count = 10): Slot[] {
  const out: Slot[] = [];
  for (const slot of policySlots(s, afterMs)) {
    out.push(slot);
    if (out.length >= count) break;
  }
  return out;
}

export interface DueSlots {
  /** The slot to run now, or null. */
  run: Slot | null;
  /** Slots that passed while nobody ran them and are too old (or superseded) to run. */
  missed: Slot[];
  /** More missed slots exist than were listed. */
  truncated: boolean;
}

const MAX_MISSED = 500;

/**
 * The slots in (sinceMs, nowMs]: the latest runs if it is at most `catchUpMinutes` old, every
 * other one is missed. After a long outage only the newest slot may run, so a console coming back
 * never starts a burst of backups.
 */
export function dueSlots(
  s: Schedules,
  sinceMs: number,
  nowMs: number,
  catchUpMinutes: number,
): DueSlots {
  const passed: Slot[] = [];
  let truncated = false;
  for (const slot of policySlots(s, sinceMs)) {
    if (Date.parse(slot.at) > nowMs) break;
    passed.push(slot);
    if (passed.length > MAX_MISSED + 1) {
      passed.splice(0, 1);
      truncated = true;
    }
  }
  const latest = passed.pop() ?? null;
  if (!latest) return { run: null, missed: [], truncated: false };
  const fresh = nowMs - Date.parse(latest.at) <= catchUpMinutes * MINUTE;
  return fresh
    ? { run: latest, missed: passed, truncated }
    : { run: null, missed: [...passed, latest], truncated };
}
