import { CLUSTER_ID_PATTERN } from '@obconsole/contracts';
import { AppError } from '../../lib/errors.js';
import { SignedJson, historyKeyOf } from '../../lib/cursor.js';
import type { HistoryKey } from '../jobs/history.sql.js';

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
  readonly #json: SignedJson;

  constructor(secret: string) {
    this.#json = new SignedJson(secret, VERSION);
  }

  encode(positions: FleetPositions, order: 'asc' | 'desc'): string {
    const entries = [...positions].map(([id, k]) =>
      k ? [id, k.startTimestamp, k.tenantId, k.jobId] : [id],
    );
    return this.#json.encode([VERSION, order, entries]);
  }

  decode(cursor: string, order: 'asc' | 'desc'): FleetPositions {
    const parsed = this.#json.decode(cursor, bad);
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
      const key = e.length === 4 ? historyKeyOf(ts, tenantId, jobId) : null;
      if (!key) throw bad();
      out.set(e[0], key);
    }
    return out;
  }
}
