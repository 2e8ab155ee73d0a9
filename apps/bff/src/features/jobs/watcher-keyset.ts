import type { FinishedKey } from './watcher.sql.js';

const TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/;

/** Microseconds since the epoch of the console's UTC text ('YYYY-MM-DD HH:MM:SS[.ffffff]'). */
export function obTimeToUs(text: string): number {
  const m = TEXT.exec(text.trim());
  if (!m) return NaN;
  const secondsMs = Date.parse(`${m[1]}T${m[2]}Z`);
  return secondsMs * 1000 + Number((m[3] ?? '').padEnd(6, '0'));
}

/** The console's UTC text of a microsecond instant. */
export function usToObTime(us: number): string {
  const seconds = Math.floor(us / 1_000_000);
  const micros = us - seconds * 1_000_000;
  const d = new Date(seconds * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(micros, 6)}`
  );
}

export function jobKey(k: { tenantId: number; jobId: number }): string {
  return `${k.tenantId}:${k.jobId}`;
}

/**
 * Where the watcher stands in the history of finished jobs, and which jobs it has reported.
 *
 * The position is the newest END_TIMESTAMP seen. Each poll reads from `overlapMs` before it,
 * because a job can reach the history with an end time a little older than one already seen
 * (clock granularity, two observers' clocks, a commit that lands late), and drops what it has
 * already reported by (tenant, job). Only the reports inside the overlap are remembered: older
 * ones can never be read again, since the lower bound only moves forward.
 */
export class FinishedKeyset {
  #positionUs: number | null = null;
  /** (tenant, job) → end time in µs, for the jobs reported within the overlap window. */
  readonly #reported = new Map<string, number>();

  constructor(private readonly overlapMs: number) {}

  /** The lower bound of the next read (UTC text), or null to read from the beginning. */
  since(): string | null {
    return this.#positionUs === null ? null : usToObTime(this.#positionUs - this.overlapMs * 1000);
  }

  /** Newest end time seen, for diagnostics. */
  get position(): string | null {
    return this.#positionUs === null ? null : usToObTime(this.#positionUs);
  }

  has(key: { tenantId: number; jobId: number }): boolean {
    return this.#reported.has(jobKey(key));
  }

  /** Starts the position at an end time without reporting anything (the watcher's start). */
  startAt(endTimestamp: string | null): void {
    if (endTimestamp === null) return;
    const us = obTimeToUs(endTimestamp);
    if (Number.isFinite(us)) this.#positionUs = Math.max(this.#positionUs ?? us, us);
  }

  /** Records a job as reported and moves the position forward; false when it already was. */
  add(row: FinishedKey): boolean {
    const key = jobKey(row);
    if (this.#reported.has(key)) return false;
    const us = obTimeToUs(row.endTimestamp);
    this.#reported.set(key, Number.isFinite(us) ? us : (this.#positionUs ?? 0));
    if (Number.isFinite(us)) this.#positionUs = Math.max(this.#positionUs ?? us, us);
    return true;
  }

  /** Forgets reports that ended before the lower bound: no read can return them again. */
  prune(): void {
    if (this.#positionUs === null) return;
    const bound = this.#positionUs - this.overlapMs * 1000;
    for (const [key, us] of this.#reported) if (us < bound) this.#reported.delete(key);
  }

  get remembered(): number {
    return this.#reported.size;
  }
}
