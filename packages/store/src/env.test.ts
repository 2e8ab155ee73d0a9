import { createServer } from 'node:net';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  auditRetentionDaysFromEnv,
  openStore,
  storeOptionsFromEnv,
  StoreConfigError,
  StoreUnavailableError,
} from './index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'obconsole-env-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the store settings from the environment', () => {
  it('defaults to the SQLite file in ./data', () => {
    expect(storeOptionsFromEnv({})).toEqual({
      url: undefined,
      password: undefined,
      dataDir: './data',
    });
  });

  it('reads the password from STORE_PASSWORD_FILE without its trailing newline', () => {
    const file = path.join(dir, 'pw');
    writeFileSync(file, 'pa ss\n');
    chmodSync(file, 0o600);
    expect(
      storeOptionsFromEnv({
        STORE_URL: 'mysql://u@h/db',
        STORE_PASSWORD_FILE: file,
        DATA_DIR: dir,
      }),
    ).toEqual({ url: 'mysql://u@h/db', password: 'pa ss', dataDir: dir });
  });

  it('says which file it cannot read', () => {
    expect(() => storeOptionsFromEnv({ STORE_PASSWORD_FILE: path.join(dir, 'nope') })).toThrow(
      /STORE_PASSWORD_FILE .*nope cannot be read \(ENOENT\)/,
    );
  });

  it('refuses both a password file and a password', () => {
    expect(() => storeOptionsFromEnv({ STORE_PASSWORD_FILE: 'x', STORE_PASSWORD: 'y' })).toThrow(
      StoreConfigError,
    );
  });

  it('reads AUDIT_RETENTION_DAYS, 365 by default, and refuses anything but whole days', () => {
    expect(auditRetentionDaysFromEnv({})).toBe(365);
    expect(auditRetentionDaysFromEnv({ AUDIT_RETENTION_DAYS: '30' })).toBe(30);
    for (const bad of ['0', '-1', '1.5', 'a year'])
      expect(() => auditRetentionDaysFromEnv({ AUDIT_RETENTION_DAYS: bad })).toThrow(
        /AUDIT_RETENTION_DAYS must be a whole number of days/,
      );
  });
});

describe('opening a store that cannot be reached', () => {
  it('fails with where it looked and why, never with the password', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const a = s.address() as { port: number };
        s.close(() => resolve(a.port));
      });
    });
    const err = await openStore({
      url: `mysql://console@127.0.0.1:${port}/console`,
      password: 'Store-Secret-991',
      dataDir: dir,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    const message = (err as Error).message;
    expect(message).toContain(
      `the console's store at mysql://console@127.0.0.1:${port}/console cannot be opened`,
    );
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('Store-Secret-991');
  });
});
