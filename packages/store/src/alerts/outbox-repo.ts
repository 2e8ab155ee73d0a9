import type { StoreBase } from '../transaction.js';

/** One (message, channel) to deliver. The message is the sender's, stored as JSON. */
export interface OutboxEntry<M = unknown> {
  id: string;
  messageId: string;
  channelId: string;
  clusterId: string;
  message: M;
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

export interface OutboxRepository<M = unknown> {
  enqueue(entries: OutboxEntry<M>[]): Promise<void>;
  claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxEntry<M>[]>;
  settle(entry: OutboxEntry<M>, log: DeliveryLogRow): Promise<void>;
}

/**
 * The outbox in the store. A claim is a conditional UPDATE of one row (claimed_until in the past
 * becomes now + lease): whichever instance's UPDATE changes the row owns it, without row locks
 * or SKIP LOCKED, which not every MySQL-compatible server has.
 */
export class SqlOutbox<M = unknown> implements OutboxRepository<M> {
  constructor(private readonly s: StoreBase) {}

  async enqueue(entries: OutboxEntry<M>[]): Promise<void> {
    if (!entries.length) return;
    await this.s.db
      .insertInto('alert_outbox')
      .values(
        entries.map((e) => ({
          id: e.id,
          cluster_id: e.clusterId,
          channel_id: e.channelId,
          message_id: e.messageId,
          message_json: JSON.stringify(e.message),
          created_ms: e.createdAt,
          attempts: e.attempts,
          next_attempt_ms: e.nextAttemptAt,
          state: e.state,
          last_error: e.lastError,
          claimed_until_ms: 0,
        })),
      )
      // Queuing the same notification again is not an error: it is already there.
      .$call((q) =>
        this.s.dialect === 'mysql' ? q.ignore() : q.onConflict((oc) => oc.column('id').doNothing()),
      )
      .execute();
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxEntry<M>[]> {
    const candidates = await this.s.db
      .selectFrom('alert_outbox')
      .selectAll()
      .where('state', '=', 'pending')
      .where('next_attempt_ms', '<=', now)
      .where('claimed_until_ms', '<=', now)
      .orderBy('next_attempt_ms')
      .limit(limit)
      .execute();
    const claimed: OutboxEntry<M>[] = [];
    for (const r of candidates) {
      const u = await this.s.db
        .updateTable('alert_outbox')
        .set({ claimed_until_ms: now + leaseMs })
        .where('id', '=', r.id)
        .where('state', '=', 'pending')
        .where('claimed_until_ms', '<=', now)
        .executeTakeFirst();
      if (Number(u.numUpdatedRows) !== 1) continue;
      claimed.push({
        id: r.id,
        messageId: r.message_id,
        channelId: r.channel_id,
        clusterId: r.cluster_id,
        message: JSON.parse(r.message_json) as M,
        createdAt: Number(r.created_ms),
        attempts: Number(r.attempts),
        nextAttemptAt: Number(r.next_attempt_ms),
        state: 'pending',
        lastError: r.last_error,
      });
    }
    return claimed;
  }

  async settle(entry: OutboxEntry<M>, log: DeliveryLogRow): Promise<void> {
    await this.s.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('alert_outbox')
        .set({
          attempts: entry.attempts,
          state: entry.state,
          next_attempt_ms: entry.nextAttemptAt,
          last_error: entry.lastError.slice(0, 2000),
          claimed_until_ms: 0,
        })
        .where('id', '=', entry.id)
        .execute();
      await trx
        .insertInto('alert_delivery')
        .values({
          entry_id: log.entryId,
          cluster_id: log.clusterId,
          channel_id: log.channelId,
          message_id: log.messageId,
          at_ms: log.at,
          attempt: log.attempt,
          ok: log.ok ? 1 : 0,
          status: log.status,
          error: log.error.slice(0, 2000),
          response: log.response.slice(0, 2048),
        })
        .execute();
    });
  }

  /** The delivery log of a cluster, newest first (optionally one channel's). */
  async deliveries(
    clusterId: string,
    limit: number,
    channelId?: string,
  ): Promise<DeliveryLogRow[]> {
    let q = this.s.db.selectFrom('alert_delivery').selectAll().where('cluster_id', '=', clusterId);
    if (channelId) q = q.where('channel_id', '=', channelId);
    const rows = await q.orderBy('at_ms', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      entryId: r.entry_id,
      channelId: r.channel_id,
      clusterId: r.cluster_id,
      messageId: r.message_id,
      at: Number(r.at_ms),
      attempt: Number(r.attempt),
      ok: Number(r.ok) === 1,
      status: r.status === null ? null : Number(r.status),
      error: r.error,
      response: r.response,
    }));
  }

  /** Entries still to deliver (the console shows how many wait, and why). */
  async pending(clusterId: string): Promise<number> {
    const r = await this.s.db
      .selectFrom('alert_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('cluster_id', '=', clusterId)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }
}
