import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

function sha1(...parts: Buffer[]): Buffer {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** SHA1(SHA1(password)): what an account stores for mysql_native_password. */
export function doubleSha1(password: string): Buffer {
  return sha1(sha1(Buffer.from(password, 'utf8')));
}

const EMPTY_PASSWORD = doubleSha1('');

/**
 * 20 random 7-bit bytes, never NUL or '$', like MySQL's: some clients read the scramble as a
 * C string.
 */
export function generateScramble(): Buffer {
  const scramble = randomBytes(20);
  for (let i = 0; i < scramble.length; i++) {
    let byte = (scramble[i] ?? 0) & 0x7f;
    if (byte === 0 || byte === 0x24) byte += 1;
    scramble[i] = byte;
  }
  return scramble;
}

/**
 * Checks a mysql_native_password token, SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))), against
 * the stored SHA1(SHA1(pw)). Clients send an empty token when they have no password, which only
 * an account without a password (stored as an empty buffer or as doubleSha1('')) accepts.
 */
export function verifyNativeToken(token: Buffer, scramble: Buffer, stored: Buffer): boolean {
  if (token.length === 0) return stored.length === 0 || stored.equals(EMPTY_PASSWORD);
  if (token.length !== 20 || stored.length !== 20) return false;
  const mask = sha1(scramble, stored);
  const stage1 = Buffer.alloc(20);
  for (let i = 0; i < 20; i++) stage1[i] = (token[i] ?? 0) ^ (mask[i] ?? 0);
  return timingSafeEqual(sha1(stage1), stored);
}
