import { createHash } from 'node:crypto';
import { literalForms } from '../lib/redact.js';

/** What the secret scans search: every log line and response body a test captured. */
export interface Captured {
  logs: string[];
  bodies: string[];
}

/**
 * Every form a secret could take in captured text: as typed, as a MySQL or an Oracle string
 * literal, and each of those as it reads inside JSON (log lines and bodies are JSON).
 */
export function secretForms(secret: string): string[] {
  const literals = literalForms(secret);
  const json = literals.map((l) => JSON.stringify(l).slice(1, -1));
  return [...new Set([...literals, ...json])];
}

/** Every captured log line or response body that contains a secret, in any of its forms. */
export function findSecretLeaks(h: Captured, secrets: string[]): string[] {
  const haystack = [...h.logs, ...h.bodies];
  return secrets.flatMap((s) =>
    secretForms(s).flatMap((form) =>
      haystack
        .filter((line) => line.includes(form))
        .map((line) => `${s} (as ${form}) in: ${line.slice(0, 300)}`),
    ),
  );
}

/**
 * What OceanBase keeps in PASSWD for a backup password: '*' + lower-case hex of SHA1(SHA1(p)).
 * Tests compare PASSWD with it to check that the password reached the server byte for byte.
 */
export function passwdHash(password: string): string {
  const stage1 = createHash('sha1').update(password, 'utf8').digest();
  return `*${createHash('sha1').update(stage1).digest('hex')}`;
}
