import { withDetachedBudget } from './deadline.js';
import { SingleFlight } from './single-flight.js';

/**
 * The reads that many sessions of one database account make at once, shared: whoever asks the
 * same question (same account, same route and parameters) while it is being read gets that
 * read's answer, so 25 operators signed in as one account cost the database one statement set,
 * not 25 queued on the account's connection budget. Nothing is kept once a read settles: an
 * answer is never older than the request that gets it.
 *
 * A shared read runs on a budget of its own (the same length as the first requester's), so the
 * first requester hanging up does not fail the others.
 */
export class AccountReads {
  readonly #flight = new SingleFlight<unknown>();
  #reads = 0;
  #joined = 0;

  /** `question` names what is read (route and normalized parameters); the account is added. */
  read<T>(accountKey: string, question: string, read: () => Promise<T>): Promise<T> {
    let started = false;
    const answer = this.#flight.get(`${accountKey}\n${question}`, () => {
      started = true;
      return withDetachedBudget(read);
    });
    if (started) this.#reads += 1;
    else this.#joined += 1;
    return answer as Promise<T>;
  }

  /** Reads started, and askers answered by a read someone else started (since the start). */
  stats(): { reads: number; joined: number } {
    return { reads: this.#reads, joined: this.#joined };
  }

  /** Something changed (a backup started or cancelled here): later askers get a fresh read. */
  clear(): void {
    this.#flight.clear();
  }
}

/** A query's parameters as one key: the same filter spelled in another order is the same question. */
export function questionOf(route: string, params: Record<string, unknown>): string {
  const entries = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${route} ${JSON.stringify(entries)}`;
}
