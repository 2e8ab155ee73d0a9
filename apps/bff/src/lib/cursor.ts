import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from './errors.js';

/** Where a history page ends: its last job's start time, tenant and job id (the keyset). */
export interface HistoryKey {
  startTimestamp: string;
  tenantId: number;
  jobId: number;
}

const TS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;

/**
 * A JSON value carried to the client and back, base64url-encoded and signed, so that a forged
 * or edited one is refused instead of being turned into SQL. `label` keeps one kind of cursor
 * from being passed off as another signed with the same secret.
 */
export class SignedJson {
  constructor(
    private readonly secret: string,
    private readonly label = '',
  ) {}

  encode(value: unknown): string {
    const body = Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${body}.${this.#sign(body)}`;
  }

  /** The value, or `bad()` thrown when the cursor is malformed or its signature does not match. */
  decode(cursor: string, bad: () => Error): unknown {
    const [body, sig, extra] = cursor.split('.');
    if (!body || !sig || extra !== undefined) throw bad();
    const expected = Buffer.from(this.#sign(body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw bad();
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    } catch {
      throw bad();
    }
  }

  #sign(body: string): string {
    const signed = this.label ? `${this.label}\n${body}` : body;
    return createHmac('sha256', this.secret).update(signed).digest('base64url').slice(0, 22);
  }
}

/** A history position read back from a cursor, or null when any part of it is not one. */
export function historyKeyOf(ts: unknown, tenantId: unknown, jobId: unknown): HistoryKey | null {
  if (typeof ts !== 'string' || !TS.test(ts)) return null;
  if (!Number.isSafeInteger(tenantId) || !Number.isSafeInteger(jobId)) return null;
  return { startTimestamp: ts, tenantId: tenantId as number, jobId: jobId as number };
}

/** One cluster's history cursor: its position, bound to the sort order it was made for. */
export class CursorCodec {
  readonly #json: SignedJson;

  constructor(secret: string) {
    this.#json = new SignedJson(secret);
  }

  encode(key: HistoryKey, order: 'asc' | 'desc'): string {
    return this.#json.encode([key.startTimestamp, key.tenantId, key.jobId, order]);
  }

  decode(cursor: string, order: 'asc' | 'desc'): HistoryKey {
    const bad = () =>
      new AppError(
        'INVALID_CURSOR',
        'This page link is not valid (edited, or made by another server); start from the first page.',
      );
    const parsed = this.#json.decode(cursor, bad);
    if (!Array.isArray(parsed) || parsed.length !== 4) throw bad();
    const [ts, tenantId, jobId, o] = parsed as unknown[];
    const key = historyKeyOf(ts, tenantId, jobId);
    if (!key || o !== order) throw bad();
    return key;
  }
}
