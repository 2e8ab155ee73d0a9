import { createHmac, timingSafeEqual } from 'node:crypto';
import { CLUSTER_ID_PATTERN } from '@obconsole/contracts';
import { AppError } from '../../lib/errors.js';
import type { HistoryKey } from '../jobs/history.sql.js';

const TS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const VERSION = 'fleet1';

/** Each searched cluster's position: the last row of it already shown, or null for none yet. */
export type FleetPositions = Map<string, HistoryKey | null>;

function bad(): AppError {
  return new AppError(
    'INVALID_CURSOR',
    'This page link is not valid (edited, made by another server, or for other clusters); start from the first page.',
  );
}

/**
 * The fleet history's cursor: a position per cluster, signed like the one-cluster cursor (and
 * under its own label, so neither can be passed off as the other) and bound to the sort order.
 */
export class FleetCursorCodec {
  constructor(private readonly secret: string) {}

  encode(positions: FleetPositions, order: 'asc' | 'desc'): string {
    const entries = [...positions].map(([id, k]) =>
      k ? [id, k.startTimestamp, k.tenantId, k.jobId] : [id],
    );
    const body = Buffer.from(JSON.stringify([VERSION, order, entries])).toString('base64url');
    return `${body}.${this.#sign(body)}`;
  }

  decode(cursor: string, order: 'asc' | 'desc'): FleetPositions {
    const [body, sig, extra] = cursor.split('.');
    if (!body || !sig || extra !== undefined) throw bad();
    const expected = Buffer.from(this.#sign(body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw bad();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw bad();
    }
    if (!Array.isArray(parsed) || parsed.length !== 3) throw bad();
    const [version, o, entries] = parsed as unknown[];
    if (version !== VERSION || o !== order || !Array.isArray(entries)) throw bad();
    const out: FleetPositions = new Map();
    for (const e of entries as unknown[]) {
      if (!Array.isArray(e) || typeof e[0] !== 'string' || !CLUSTER_ID_PATTERN.test(e[0]))
        throw bad();
      if (e.length === 1) {
        out.set(e[0], null);
        continue;
      }
      const [, ts, tenantId, jobId] = e as unknown[];
      if (
        e.length !== 4 ||
        typeof ts !== 'string' ||
        !TS.test(ts) ||
        !Number.isSafeInteger(tenantId) ||
        !Number.isSafeInteger(jobId)
      )
        throw bad();
      out.set(e[0], { startTimestamp: ts, tenantId: tenantId as number, jobId: jobId as number });
    }
    return out;
  }

  #sign(body: string): string {
    return createHmac('sha256', this.secret)
      .update(`${VERSION}\n${body}`)
      .digest('base64url')
      .slice(0, 22);
  }
}
