/**
 * One tenant's FAILED jobs that ended recently, as the fleet overview counts them ("failures in
 * the last 7 days"), kept up to date from the rows the finished-jobs index reads anyway.
 *
 * It is complete from a point in time on once a read of the history since then has been taken in
 * (`know`); until then `count` answers null and the caller reads. A failure that finishes after
 * that read reaches one of the index's later refreshes (its job id is above the high-water mark,
 * or a running job held the mark below it), and `seen` adds it: no failure is missed, whichever
 * came first. A refresh that has to read the tenant afresh starts a new tracker, so a read taken
 * in by a tracker that was replaced meanwhile counts for nothing.
 */
export class RecentFailures {
  /** End time (ms) by job id. */
  readonly #ends = new Map<number, number>();
  /** Every failure ending at or after this is in #ends; null until a read was taken in. */
  #since: number | null = null;

  /** Takes in rows the index read (any status; only FAILED ones are kept). */
  seen(rows: readonly { jobId: number; status: string; endMs: number }[]): void {
    for (const r of rows) if (r.status === 'FAILED') this.#ends.set(r.jobId, r.endMs);
  }

  /**
   * Takes in every FAILED job that ended at or after `sinceMs`, read from the history after this
   * tracker was obtained.
   */
  know(sinceMs: number, failed: readonly { jobId: number; endMs: number }[]): void {
    for (const f of failed) this.#ends.set(f.jobId, f.endMs);
    this.#since = this.#since === null ? sinceMs : Math.min(this.#since, sinceMs);
  }

  /** How many failures ended at or after `sinceMs`, or null when that is not known. */
  count(sinceMs: number): number | null {
    if (this.#since === null || sinceMs < this.#since) return null;
    // The window only moves forward: what fell out of it is forgotten.
    for (const [jobId, end] of this.#ends) if (end < sinceMs) this.#ends.delete(jobId);
    this.#since = sinceMs;
    return this.#ends.size;
  }
}
