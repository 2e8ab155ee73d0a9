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
  #parts = 0;
  #partsJoined = 0;

  /** `question` names what is read (route and normalized parameters); the account is added. */
  read<T>(accountKey: string, question: string, read: () => Promise<T>): Promise<T> {
    const { answer, started } = this.#get(accountKey, question, read);
    if (started) this.#reads += 1;
    else this.#joined += 1;
    return answer;
  }

  /**
   * A part of several answers (the tenant list of a history page, a filter's count), shared
   * like a whole answer but counted apart, so that `stats()` still says how many answers were
   * read and how many were shared.
   */
  part<T>(accountKey: string, question: string, read: () => Promise<T>): Promise<T> {
    const { answer, started } = this.#get(accountKey, `part ${question}`, read);
    if (started) this.#parts += 1;
    else this.#partsJoined += 1;
    return answer;
  }

  #get<T>(
    accountKey: string,
    question: string,
    read: () => Promise<T>,
  ): { answer: Promise<T>; started: boolean } {
    let started = false;
    const answer = this.#flight.get(`${accountKey}\n${question}`, () => {
      started = true;
      return withDetachedBudget(read);
    });
    return { answer: answer as Promise<T>, started };
  }

  /** Reads started, and askers answered by a read someone else started (since the start). */
  stats(): { reads: number; joined: number; parts: { reads: number; joined: number } } {
    return {
      reads: this.#reads,
      joined: this.#joined,
      parts: { reads: this.#parts, joined: this.#partsJoined },
    };
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
