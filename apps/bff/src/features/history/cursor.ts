import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../lib/errors.js';
import type { HistoryKey } from '../jobs/history.sql.js';

const TS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;

/**
 * Keyset cursors are opaque to clients and signed, so a forged or edited one is refused
 * instead of being turned into SQL. The key also binds the sort order it was made for.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(key: HistoryKey, order: 'asc' | 'desc'): string {
    const body = Buffer.from(
      JSON.stringify([key.startTimestamp, key.tenantId, key.jobId, order]),
    ).toString('base64url');
    return `${body}.${this.#sign(body)}`;
  }

  decode(cursor: string, order: 'asc' | 'desc'): HistoryKey {
    const bad = () =>
      new AppError(
        'INVALID_CURSOR',
        'This page link is not valid (edited, or made by another server); start from the first page.',
      );
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
    if (!Array.isArray(parsed) || parsed.length !== 4) throw bad();
    const [ts, tenantId, jobId, o] = parsed as unknown[];
    if (
      typeof ts !== 'string' ||
      !TS.test(ts) ||
      !Number.isSafeInteger(tenantId) ||
      !Number.isSafeInteger(jobId) ||
      o !== order
    ) {
      throw bad();
    }
    return { startTimestamp: ts, tenantId: tenantId as number, jobId: jobId as number };
  }

  #sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url').slice(0, 22);
  }
}
