import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError } from './secret-box.js';
import { loadSecretBox, parseSecretKey, SecretKeyError } from './secret-key.js';

const key = () => randomBytes(32);

/** Flips one character of the chosen base64url part of an envelope. */
function flip(envelope: string, part: number): string {
  const parts = envelope.split('.');
  const p = parts[part]!;
  const c = p[0] === 'A' ? 'B' : 'A';
  parts[part] = c + p.slice(1);
  return parts.join('.');
}

describe('SecretBox', () => {
  it('opens what it sealed, and never shows the plaintext in the envelope', () => {
    const box = new SecretBox([key()]);
    const sealed = box.seal('Backup#Pass-2026');
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('Backup');
    expect(box.open(sealed)).toBe('Backup#Pass-2026');
    // A fresh IV every time: the same secret never seals to the same text.
    expect(box.seal('Backup#Pass-2026')).not.toBe(sealed);
  });

  it.each([
    ['the ciphertext', 4],
    ['the tag', 3],
    ['the IV', 2],
  ])('refuses a value whose %s was changed', (_what, part) => {
    const box = new SecretBox([key()]);
    const sealed = box.seal('secret value');
    expect(() => box.open(flip(sealed, part))).toThrow(SecretBoxError);
    expect(() => box.open(flip(sealed, part))).toThrow(/does not authenticate|damaged/);
  });

  it('refuses a value sealed with another key, naming the key id it needs', () => {
    const a = new SecretBox([key()]);
    const b = new SecretBox([key()]);
    const sealed = a.seal('x');
    expect(() => b.open(sealed)).toThrow(
      new RegExp(`sealed with key ${a.currentKeyId}, which is not configured`),
    );
  });

  it('refuses a value whose key id was rewritten to the reader key', () => {
    const a = new SecretBox([key()]);
    const b = new SecretBox([key()]);
    const parts = a.seal('x').split('.');
    parts[1] = b.currentKeyId;
    expect(() => b.open(parts.join('.'))).toThrow(/does not authenticate/);
  });

  it('refuses a value moved to another place (associated data)', () => {
    const box = new SecretBox([key()]);
    const sealed = box.seal('pw', 'policy:1:encryptionPassword');
    expect(box.open(sealed, 'policy:1:encryptionPassword')).toBe('pw');
    expect(() => box.open(sealed, 'policy:2:encryptionPassword')).toThrow(/another place/);
  });

  it('opens values sealed with a previous key after a rotation, and seals with the new one', () => {
    const old = key();
    const sealedBefore = new SecretBox([old]).seal('kept');
    const rotated = new SecretBox([key(), old]);
    expect(rotated.open(sealedBefore)).toBe('kept');
    expect(rotated.seal('new').split('.')[1]).toBe(rotated.currentKeyId);
  });

  it('says what it expected when given something that is not an envelope', () => {
    const box = new SecretBox([key()]);
    expect(() => box.open('hunter2')).toThrow(/not a sealed value/);
  });
});

describe('the console secret key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'obconsole-key-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts 32 bytes as hex or as base64 (also base64url)', () => {
    const k = key();
    expect(parseSecretKey(k.toString('hex'), 'K')).toEqual(k);
    expect(parseSecretKey(k.toString('base64'), 'K')).toEqual(k);
    expect(parseSecretKey(k.toString('base64url'), 'K')).toEqual(k);
  });

  it.each([
    [
      'a short key',
      randomBytes(16).toString('base64'),
      /decodes to 16 bytes.*openssl rand -base64 32/,
    ],
    ['a passphrase', 'correct horse battery staple', /neither hex nor base64/],
    ['63 hex digits', 'a'.repeat(63), /decodes to 47 bytes/],
  ])('refuses %s with what to write instead', (_what, value, message) => {
    expect(() => parseSecretKey(value, 'CONSOLE_SECRET_KEY')).toThrow(SecretKeyError);
    expect(() => parseSecretKey(value, 'CONSOLE_SECRET_KEY')).toThrow(message);
  });

  it('uses CONSOLE_SECRET_KEY when set and writes no key file', () => {
    const k = key();
    const { box, source } = loadSecretBox({
      env: { CONSOLE_SECRET_KEY: k.toString('hex') },
      dataDir: dir,
    });
    expect(source).toBe('CONSOLE_SECRET_KEY');
    expect(new SecretBox([k]).open(box.seal('v'))).toBe('v');
    expect(() => statSync(path.join(dir, 'secret.key'))).toThrow();
  });

  it('creates secret.key with mode 0600 on first start and reuses it after', () => {
    const first = loadSecretBox({ env: {}, dataDir: path.join(dir, 'data') });
    expect(first.source).toBe('created');
    const file = path.join(dir, 'data', 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadSecretBox({ env: {}, dataDir: path.join(dir, 'data') });
    expect(again.source).toBe('data directory');
    expect(again.box.open(first.box.seal('same key'))).toBe('same key');
    expect(readFileSync(file, 'utf8').trim()).toHaveLength(44);
  });

  it('refuses a key file that other users may read, with the chmod that fixes it', () => {
    const file = path.join(dir, 'k');
    writeFileSync(file, key().toString('base64'));
    chmodSync(file, 0o644);
    expect(() => loadSecretBox({ env: { CONSOLE_SECRET_KEY_FILE: file }, dataDir: dir })).toThrow(
      new RegExp(`mode 644\\): run chmod 600 ${file}`),
    );
    chmodSync(file, 0o600);
    expect(loadSecretBox({ env: { CONSOLE_SECRET_KEY_FILE: file }, dataDir: dir }).source).toBe(
      'CONSOLE_SECRET_KEY_FILE',
    );
  });

  it('refuses both CONSOLE_SECRET_KEY and a key file at once', () => {
    expect(() =>
      loadSecretBox({
        env: { CONSOLE_SECRET_KEY: key().toString('hex'), CONSOLE_SECRET_KEY_FILE: '/x' },
        dataDir: dir,
      }),
    ).toThrow(/not both/);
  });

  it('opens with keys from CONSOLE_SECRET_KEY_PREVIOUS', () => {
    const old = key();
    const sealed = new SecretBox([old]).seal('older');
    const { box } = loadSecretBox({
      env: {
        CONSOLE_SECRET_KEY: key().toString('hex'),
        CONSOLE_SECRET_KEY_PREVIOUS: old.toString('base64'),
      },
      dataDir: dir,
    });
    expect(box.open(sealed)).toBe('older');
  });
});
