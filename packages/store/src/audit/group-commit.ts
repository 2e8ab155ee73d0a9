import type { AuditEvent } from '@obconsole/contracts';
import type { StoreBase } from '../transaction.js';
import { appendEvents } from './append.js';
import type { NormalizedEvent } from './guard.js';

interface Pending {
  event: NormalizedEvent;
  resolve: (e: AuditEvent) => void;
  reject: (e: unknown) => void;
}

/** At most this many events share one transaction. */
const MAX_BATCH = 200;

/**
 * Group commit: appends that arrive while a transaction is writing go together in the next one,
 * so a busy console pays one commit (one fsync on SQLite) for many events. Every caller still
 * resolves only once its own event is committed, and all of a batch fail together.
 */
export class GroupCommitter {
  private readonly queue: Pending[] = [];
  private writing = false;

  constructor(private readonly store: StoreBase) {}

  append(event: NormalizedEvent): Promise<AuditEvent> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const stored = await appendEvents(
            this.store,
            batch.map((p) => p.event),
          );
          batch.forEach((p, i) => p.resolve(stored[i]!));
        } catch (e) {
          for (const p of batch) p.reject(e);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
