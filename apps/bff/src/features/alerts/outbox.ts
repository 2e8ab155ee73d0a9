import type { AlertMessage, ChannelTarget, DeliveryResult } from './channels/types.js';

/**
 * The outbox: a message is stored before it is sent, so a crash, a restart or a receiver that is
 * down loses nothing. Each (message, channel) is one entry with a unique id, so queuing the same
 * notification twice stores it once; a claim with a lease keeps two instances from sending the
 * same entry at once, and a crash mid-send leaves it to be claimed again when the lease ends.
 */
export interface OutboxEntry {
  id: string;
  messageId: string;
  channelId: string;
  clusterId: string;
  message: AlertMessage;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  state: 'pending' | 'sent' | 'failed';
  lastError: string;
}

export interface DeliveryLogRow {
  entryId: string;
  channelId: string;
  clusterId: string;
  messageId: string;
  at: number;
  attempt: number;
  ok: boolean;
  status: number | null;
  error: string;
  response: string;
}

export interface OutboxRepository {
  /** Stores entries whose id is new; an id already stored is left as it is. */
  enqueue(entries: OutboxEntry[]): Promise<void>;
  /** Pending entries due at `now`, claimed until `now + leaseMs` (not returned to others meanwhile). */
  claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]>;
  /** The outcome of one attempt: the entry's new state and its delivery log row. */
  settle(entry: OutboxEntry, log: DeliveryLogRow): Promise<void>;
}

export type Sender = (m: AlertMessage, ch: ChannelTarget) => Promise<DeliveryResult>;

export const RETRY_FOR_MS = 24 * 3_600_000;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 30 * 60_000;

/** Delay before attempt n+1 after n failed ones: 5 s, 10 s, 20 s, ... at most 30 min. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1));
}

export function entriesFor(
  m: AlertMessage,
  clusterId: string,
  channelIds: string[],
  now: number,
): OutboxEntry[] {
  return channelIds.map((channelId) => ({
    id: `${m.id}|${channelId}`,
    messageId: m.id,
    channelId,
    clusterId,
    message: m,
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    state: 'pending',
    lastError: '',
  }));
}

export interface OutboxWorkerOptions {
  repo: OutboxRepository;
  send: Sender;
  /** The channel, unsealed; undefined when it was deleted (the entry then fails). */
  channel: (clusterId: string, channelId: string) => Promise<ChannelTarget | undefined>;
  now?: () => number;
  batch?: number;
  leaseMs?: number;
}

/** Sends what is due. tick() does one round; the engine calls it on a timer and after queuing. */
export class OutboxWorker {
  readonly #o: Required<Omit<OutboxWorkerOptions, 'now'>> & { now: () => number };
  #running: Promise<number> | null = null;

  constructor(o: OutboxWorkerOptions) {
    this.#o = { batch: 20, leaseMs: 60_000, now: Date.now, ...o };
  }

  /** One round; concurrent calls share it. Resolves to the number of entries attempted. */
  tick(): Promise<number> {
    this.#running ??= this.#round().finally(() => (this.#running = null));
    return this.#running;
  }

  async #round(): Promise<number> {
    const { repo, send, channel, batch, leaseMs } = this.#o;
    const due = await repo.claimDue(this.#o.now(), batch, leaseMs);
    await Promise.all(
      due.map(async (entry) => {
        const ch = await channel(entry.clusterId, entry.channelId);
        const result: DeliveryResult = ch
          ? await send(entry.message, ch)
          : {
              ok: false,
              status: null,
              response: '',
              error: 'the channel was deleted',
              durationMs: 0,
              retryable: false,
            };
        const at = this.#o.now();
        const attempts = entry.attempts + 1;
        const next = at + backoffMs(attempts);
        const giveUp = !result.ok && (!result.retryable || next - entry.createdAt > RETRY_FOR_MS);
        await repo.settle(
          {
            ...entry,
            attempts,
            state: result.ok ? 'sent' : giveUp ? 'failed' : 'pending',
            nextAttemptAt: result.ok || giveUp ? at : next,
            lastError: result.error,
          },
          {
            entryId: entry.id,
            channelId: entry.channelId,
            clusterId: entry.clusterId,
            messageId: entry.messageId,
            at,
            attempt: attempts,
            ok: result.ok,
            status: result.status,
            error: result.error,
            response: result.response,
          },
        );
      }),
    );
    return due.length;
  }
}

/** The outbox in memory: for tests and for the store's adapters to be compared against. */
export class MemoryOutbox implements OutboxRepository {
  readonly entries = new Map<string, OutboxEntry & { claimedUntil: number }>();
  readonly log: DeliveryLogRow[] = [];

  enqueue(entries: OutboxEntry[]): Promise<void> {
    for (const e of entries)
      if (!this.entries.has(e.id)) this.entries.set(e.id, { ...e, claimedUntil: 0 });
    return Promise.resolve();
  }

  claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    const due = [...this.entries.values()]
      .filter((e) => e.state === 'pending' && e.nextAttemptAt <= now && e.claimedUntil <= now)
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt)
      .slice(0, limit);
    for (const e of due) e.claimedUntil = now + leaseMs;
    return Promise.resolve(due.map(({ claimedUntil: _c, ...e }) => e));
  }

  settle(entry: OutboxEntry, log: DeliveryLogRow): Promise<void> {
    this.entries.set(entry.id, { ...entry, claimedUntil: 0 });
    this.log.push(log);
    return Promise.resolve();
  }
}
