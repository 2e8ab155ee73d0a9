import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { KEY_BYTES, SecretBox } from './secret-box.js';

/** A key setting that cannot be used: the message says what to write instead. */
export class SecretKeyError extends Error {
  override name = 'SecretKeyError';
}

const HOW = `${KEY_BYTES} bytes written as 64 hex digits or as base64 (create one with: openssl rand -base64 ${KEY_BYTES})`;

/** A key as 64 hex digits or base64 / base64url of exactly 32 bytes. */
export function parseSecretKey(value: string, source: string): Buffer {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) {
    const b = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (b.length === KEY_BYTES) return b;
    throw new SecretKeyError(`${source} decodes to ${b.length} bytes: it must be ${HOW}`);
  }
  throw new SecretKeyError(
    `${source} is neither hex nor base64 (${v.length} characters): it must be ${HOW}`,
  );
}

export interface SecretBoxOptions {
  /** CONSOLE_SECRET_KEY, CONSOLE_SECRET_KEY_FILE, CONSOLE_SECRET_KEY_PREVIOUS. */
  env?: NodeJS.ProcessEnv;
  /** Where the embedded default keeps secret.key. */
  dataDir: string;
}

export interface LoadedSecretBox {
  box: SecretBox;
  /** Where the current key came from (never the key). */
  source: 'CONSOLE_SECRET_KEY' | 'CONSOLE_SECRET_KEY_FILE' | 'data directory' | 'created';
  /** The key file in use, if any. */
  file?: string;
}

/**
 * The console's SecretBox. Key: CONSOLE_SECRET_KEY, else the file CONSOLE_SECRET_KEY_FILE,
 * else `<dataDir>/secret.key`, created (mode 0600) on first start. Older keys, comma-separated
 * in CONSOLE_SECRET_KEY_PREVIOUS, still open what they sealed. A key file that group or
 * others may read is refused (docs/decisions/011).
 */
export function loadSecretBox(options: SecretBoxOptions): LoadedSecretBox {
  const env = options.env ?? process.env;
  const previous = (env.CONSOLE_SECRET_KEY_PREVIOUS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s, i) => parseSecretKey(s, `CONSOLE_SECRET_KEY_PREVIOUS (key ${i + 1})`));
  const fromEnv = env.CONSOLE_SECRET_KEY?.trim();
  const fileSetting = env.CONSOLE_SECRET_KEY_FILE?.trim();
  if (fromEnv && fileSetting)
    throw new SecretKeyError('set CONSOLE_SECRET_KEY or CONSOLE_SECRET_KEY_FILE, not both');
  if (fromEnv)
    return {
      box: new SecretBox([parseSecretKey(fromEnv, 'CONSOLE_SECRET_KEY'), ...previous]),
      source: 'CONSOLE_SECRET_KEY',
    };
  if (fileSetting) {
    const key = readKeyFile(fileSetting, 'CONSOLE_SECRET_KEY_FILE');
    return {
      box: new SecretBox([key, ...previous]),
      source: 'CONSOLE_SECRET_KEY_FILE',
      file: fileSetting,
    };
  }
  const file = path.resolve(options.dataDir, 'secret.key');
  const created = createKeyFileIfMissing(file);
  const key = readKeyFile(file, `the key file ${file}`);
  return {
    box: new SecretBox([key, ...previous]),
    source: created ? 'created' : 'data directory',
    file,
  };
}

function readKeyFile(file: string, what: string): Buffer {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (e) {
    throw new SecretKeyError(
      `${what} ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}): check the path`,
    );
  }
  // Permission bits mean nothing on Windows; elsewhere a readable key is a leaked key.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    throw new SecretKeyError(
      `${what} ${file} may be read by other users (mode ${(mode & 0o777).toString(8)}): run chmod 600 ${file}`,
    );
  return parseSecretKey(readFileSync(file, 'utf8'), what);
}

/** Creates the key file once; another instance creating it at the same moment wins harmlessly. */
function createKeyFileIfMissing(file: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, {
      flag: 'wx',
      mode: 0o600,
    });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new SecretKeyError(
      `cannot create the key file ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}): make DATA_DIR writable or set CONSOLE_SECRET_KEY`,
    );
  }
}
