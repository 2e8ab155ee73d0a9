import type { Request } from 'express';
import type { AuditAction, AuditOutcome } from '@obconsole/contracts';
import type { AuditTrail, Store } from '@obconsole/store';
import { AppError } from './errors.js';
import type { Logger } from './logger.js';

/** Who did it, from where: the part of an audit event that the request gives. */
export interface AuditOrigin {
  clusterId: string;
  /** `user@tenant`, `policy:<name>` or `system`. */
  actor: string;
  clientAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  outcome: AuditOutcome;
  tenants?: string[];
  errorCode?: string | null;
  details?: Record<string, unknown>;
  /** Values that must not appear anywhere in the event (a backup's password). */
  secrets?: string[];
}

export function originOf(req: Request, clusterId: string, actor: string): AuditOrigin {
  const id = req.get('x-request-id') ?? (req as { id?: unknown }).id;
  return {
    clusterId,
    actor,
    clientAddress: req.ip ?? null,
    userAgent: req.get('user-agent')?.slice(0, 512) ?? null,
    requestId: typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 128) : null,
  };
}

const unavailable = (e: unknown) =>
  new AppError(
    'STORE_UNAVAILABLE',
    'The console cannot write its audit trail right now, so it did not do this. Try again in a moment.',
    undefined,
    undefined,
    e,
  );

/**
 * Records what the console does. For an action that must not happen without its record (a
 * backup's start or cancel) the caller first asks `writable()`, which refuses with
 * STORE_UNAVAILABLE when the store cannot be written, then `record()`s the outcome. Sign-ins and
 * sign-outs are recorded as they happen; losing one of those is logged, not refused, so an
 * unreachable store cannot lock every operator out.
 */
export class AuditRecorder {
  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  get trail(): AuditTrail {
    return this.store.audit;
  }

  async writable(): Promise<void> {
    try {
      await this.store.ping();
    } catch (e) {
      throw unavailable(e);
    }
  }

  /** Appends the event; rejects with STORE_UNAVAILABLE when it cannot be stored. */
  async record(origin: AuditOrigin, e: AuditEntry): Promise<void> {
    const secrets = (e.secrets ?? []).filter((s) => s.length > 0);
    try {
      await this.store.audit.append(
        {
          ...origin,
          action: e.action,
          outcome: e.outcome,
          tenants: e.tenants ?? [],
          errorCode: e.errorCode ?? null,
          // Callers pass statements as shown to the user (password masked); `secrets` makes the
          // trail refuse an event that still holds one anywhere.
          details: e.details ?? {},
        },
        { secrets },
      );
    } catch (err) {
      throw unavailable(err);
    }
  }

  /** Records without failing the caller: the loss is logged (with the store's reason). */
  recordQuietly(origin: AuditOrigin, e: AuditEntry): void {
    this.record(origin, e).catch((err: unknown) =>
      this.log.error(
        {
          err: (err as { cause?: unknown }).cause ?? err,
          action: e.action,
          cluster: origin.clusterId,
        },
        'audit event not stored',
      ),
    );
  }
}
