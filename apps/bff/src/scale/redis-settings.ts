import { readFileSync } from 'node:fs';
import { Secret } from '../lib/secret.js';

/** How to reach the Redis that several instances share (REDIS_* settings, resolved). */
export interface RedisSettings {
  url: string;
  username?: string;
  /** From REDIS_PASSWORD_FILE; never in the URL, a log line or an error. */
  password?: Secret;
  tls?: { ca?: string; cert?: string; key?: string };
  /** Every key and channel starts with it. */
  prefix: string;
}

export interface RedisEnv {
  REDIS_URL?: string;
  REDIS_PASSWORD_FILE?: string;
  REDIS_USERNAME?: string;
  REDIS_TLS_CA_FILE?: string;
  REDIS_TLS_CERT_FILE?: string;
  REDIS_TLS_KEY_FILE?: string;
  REDIS_PREFIX: string;
}

function readSetting(file: string, name: string, problems: string[]): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    problems.push(`  ${name}: cannot read ${file} (${code}); point it at a readable file`);
    return undefined;
  }
}

/**
 * null when REDIS_URL is unset (one instance, everything in memory). Problems are pushed as
 * "  NAME: what to fix" lines; the password's content never appears in one.
 */
export function redisSettingsFromEnv(e: RedisEnv, problems: string[]): RedisSettings | null {
  const others = [
    'REDIS_PASSWORD_FILE',
    'REDIS_USERNAME',
    'REDIS_TLS_CA_FILE',
    'REDIS_TLS_CERT_FILE',
    'REDIS_TLS_KEY_FILE',
  ] as const;
  if (!e.REDIS_URL) {
    for (const k of others) if (e[k]) problems.push(`  ${k}: only with REDIS_URL; set REDIS_URL`);
    return null;
  }
  const tlsUrl = e.REDIS_URL.startsWith('rediss://');
  const settings: RedisSettings = { url: e.REDIS_URL, prefix: e.REDIS_PREFIX };
  if (e.REDIS_USERNAME) settings.username = e.REDIS_USERNAME;
  if (e.REDIS_USERNAME && !e.REDIS_PASSWORD_FILE)
    problems.push('  REDIS_USERNAME: needs REDIS_PASSWORD_FILE (the password of that user)');
  if (e.REDIS_PASSWORD_FILE) {
    const raw = readSetting(e.REDIS_PASSWORD_FILE, 'REDIS_PASSWORD_FILE', problems);
    if (raw !== undefined) {
      const password = raw.replace(/\r?\n$/, '');
      if (password === '')
        problems.push(
          `  REDIS_PASSWORD_FILE: ${e.REDIS_PASSWORD_FILE} is empty; write the password in it`,
        );
      else settings.password = new Secret(password);
    }
  }
  const tlsFiles = [e.REDIS_TLS_CA_FILE, e.REDIS_TLS_CERT_FILE, e.REDIS_TLS_KEY_FILE];
  if (!tlsUrl && tlsFiles.some(Boolean))
    problems.push('  REDIS_TLS_*: TLS files need a rediss:// REDIS_URL (redis:// is plain text)');
  if (Boolean(e.REDIS_TLS_CERT_FILE) !== Boolean(e.REDIS_TLS_KEY_FILE))
    problems.push('  REDIS_TLS_CERT_FILE: set it together with REDIS_TLS_KEY_FILE, or neither');
  if (tlsUrl) {
    const tls: NonNullable<RedisSettings['tls']> = {};
    if (e.REDIS_TLS_CA_FILE)
      tls.ca = readSetting(e.REDIS_TLS_CA_FILE, 'REDIS_TLS_CA_FILE', problems);
    if (e.REDIS_TLS_CERT_FILE)
      tls.cert = readSetting(e.REDIS_TLS_CERT_FILE, 'REDIS_TLS_CERT_FILE', problems);
    if (e.REDIS_TLS_KEY_FILE)
      tls.key = readSetting(e.REDIS_TLS_KEY_FILE, 'REDIS_TLS_KEY_FILE', problems);
    settings.tls = tls;
  }
  return settings;
}
