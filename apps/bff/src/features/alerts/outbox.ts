import type {
  DeliveryLogRow,
  OutboxEntry as StoreOutboxEntry,
  OutboxRepository as StoreOutboxRepository,
} from '@obconsole/store';
import type { AlertMessage, ChannelTarget, DeliveryResult } from './channels/types.js';

/**
 * The outbox: a message is stored before it is sent, so a crash, a restart or a receiver that is
 * down loses nothing. Each (message, channel) is one entry with a unique id, so queuing the same
 * notification twice stores it once; a claim with a lease keeps two instances from sending the
 * same entry at once, and a crash mid-send leaves it to be claimed again when the lease ends.
 */
export type OutboxEntry = StoreOutboxEntry<AlertMessage>;
export type OutboxRepository = StoreOutboxRepository<AlertMessage>;
export type { DeliveryLogRow };

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
