import { AuditEventInput } from '@obconsole/contracts';
import { canonicalJson } from './chain.js';

/** An event the trail refuses to store: the message says what to fix, never the secret. */
export class AuditRejectedError extends Error {
  override name = 'AuditRejectedError';
}

export const MASK = '******';

/** What the fields hold once checked: client-supplied strings cut to what the columns take. */
export interface NormalizedEvent {
  clusterId: string;
  actor: string;
  action: string;
  outcome: string;
  tenants: string[];
  clientAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
  errorCode: string | null;
  details: Record<string, unknown>;
}

const MAX_DETAILS_BYTES = 64 * 1024;

export function normalize(input: AuditEventInput): NormalizedEvent {
  const r = AuditEventInput.safeParse(input);
  if (!r.success) {
    const list = r.error.issues
      .map((i) => `${i.path.join('.') || 'event'}: ${i.message}`)
      .join('; ');
    throw new AuditRejectedError(`invalid audit event: ${list}`);
  }
  const e = r.data;
  const details = JSON.parse(canonicalJson(e.details)) as Record<string, unknown>;
  if (Buffer.byteLength(canonicalJson(details)) > MAX_DETAILS_BYTES)
    throw new AuditRejectedError(
      `audit details are larger than ${MAX_DETAILS_BYTES} bytes: record a summary (counts, ids), not whole payloads`,
    );
  return {
    clusterId: e.clusterId,
    actor: e.actor,
    action: e.action,
    outcome: e.outcome,
    tenants: [...new Set(e.tenants)],
    clientAddress: e.clientAddress ?? null,
    // The user agent and request id come from the client: kept, but cut to the column size.
    userAgent: e.userAgent == null ? null : e.userAgent.slice(0, 512),
    requestId: e.requestId == null ? null : e.requestId.slice(0, 128),
    errorCode: e.errorCode ?? null,
    details,
  };
}

/** Keys whose values are secrets: only a mask or a word saying what happened may be stored. */
const SECRET_KEY = /(pass(word|wd|phrase)?|secret|token|credentials?|private_?key|api_?key)$/i;
const SAFE_SECRET_VALUE = /^(\*+|set|unset|changed|unchanged|removed|masked)$/;
/** `IDENTIFIED BY '...'` with anything but stars inside the quotes. */
const CLEAR_IDENTIFIED_BY = /IDENTIFIED\s+BY\s+(?:'(?!\*+')|"(?!\*+"))/i;

/**
 * Refuses an event that holds a secret: one of the values the caller says are secret (a
 * backup's encryption password, the signed-in user's password), a password-like key with a
 * clear value, or an `IDENTIFIED BY` literal that is not masked. Refusing, not masking: an event
 * that reaches this point with a secret in it is a bug in the caller, and must not be stored.
 */
export function assertNoSecrets(event: NormalizedEvent, secrets: readonly string[]): void {
  const strings: { path: string; value: string }[] = [];
  const walk = (v: unknown, p: string) => {
    if (typeof v === 'string') strings.push({ path: p, value: v });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${p}[${i}]`));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        const path = `${p}.${k}`;
        if (
          SECRET_KEY.test(k) &&
          x !== null &&
          typeof x !== 'boolean' &&
          !(typeof x === 'string' && (x === '' || SAFE_SECRET_VALUE.test(x)))
        )
          throw new AuditRejectedError(
            `audit ${path} looks like a secret: store ${JSON.stringify(MASK)}, "set" or "changed" instead of its value`,
          );
        walk(x, path);
      }
  };
  for (const [k, v] of Object.entries(event)) if (k !== 'details') walk(v, k);
  walk(event.details, 'details');

  for (const { path, value } of strings) {
    if (CLEAR_IDENTIFIED_BY.test(value))
      throw new AuditRejectedError(
        `audit ${path} holds an IDENTIFIED BY literal in clear: mask it (IDENTIFIED BY '${MASK}')`,
      );
    for (const secret of secrets) {
      if (secret === '') continue;
      // A very short secret is a common substring ("ab" in "backup"): it is looked for where a
      // value would be (a whole string, or quoted), not inside words.
      const found =
        secret.length >= 4
          ? value.includes(secret) || value.includes(secret.replace(/'/g, "''"))
          : value === secret || value.includes(`'${secret}'`) || value.includes(`"${secret}"`);
      if (found)
        throw new AuditRejectedError(
          `audit ${path} contains a secret the caller named: mask it (maskSecrets) before recording`,
        );
    }
  }
}

/** Replaces each secret (and its SQL-escaped form) with the mask. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].filter(Boolean).sort((a, b) => b.length - a.length)) {
    out = out.split(s.replace(/'/g, "''")).join(MASK).split(s).join(MASK);
  }
  return out;
}
