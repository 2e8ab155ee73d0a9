import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'obconsole-redis-settings-'));
const passwordFile = path.join(dir, 'redis.pass');
writeFileSync(passwordFile, 'r3dis-Secret!\n');

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('the Redis settings', () => {
  it('without REDIS_URL the console keeps its shared state in memory', () => {
    expect(loadConfig({}).redis).toBeNull();
  });

  it('reads the password from its file and never puts it where it could be printed', () => {
    const c = loadConfig({
      REDIS_URL: 'redis://redis.internal:6379/0',
      REDIS_PASSWORD_FILE: passwordFile,
    });
    expect(c.redis?.url).toBe('redis://redis.internal:6379/0');
    expect(c.redis?.password?.reveal()).toBe('r3dis-Secret!');
    expect(JSON.stringify(c)).not.toContain('r3dis-Secret!');
    expect(c.redis?.prefix).toBe('obconsole:');
  });

  it('refuses each bad value with what to fix, never echoing a password', () => {
    expect(problem({ REDIS_URL: 'not a url' })).toMatch(/REDIS_URL: REDIS_URL must be a URL/);
    expect(problem({ REDIS_URL: 'http://redis:6379' })).toMatch(/redis:\/\/ or rediss:\/\//);
    const inUrl = problem({ REDIS_URL: 'redis://app:hunter22@redis:6379' });
    expect(inUrl).toMatch(/REDIS_PASSWORD_FILE/);
    expect(inUrl).not.toContain('hunter22');
    expect(
      problem({ REDIS_URL: 'redis://redis:6379', REDIS_PASSWORD_FILE: path.join(dir, 'none') }),
    ).toMatch(/REDIS_PASSWORD_FILE: cannot read .*none \(ENOENT\)/);
    expect(problem({ REDIS_URL: 'redis://redis:6379', REDIS_TLS_CA_FILE: passwordFile })).toMatch(
      /REDIS_TLS_\*: TLS files need a rediss:\/\/ REDIS_URL/,
    );
    expect(
      problem({ REDIS_URL: 'rediss://redis:6380', REDIS_TLS_CERT_FILE: passwordFile }),
    ).toMatch(/REDIS_TLS_CERT_FILE: set it together with REDIS_TLS_KEY_FILE/);
    expect(problem({ REDIS_PASSWORD_FILE: passwordFile })).toMatch(
      /REDIS_PASSWORD_FILE: only with REDIS_URL/,
    );
    expect(problem({ REDIS_URL: 'redis://redis:6379', REDIS_USERNAME: 'app' })).toMatch(
      /REDIS_USERNAME: needs REDIS_PASSWORD_FILE/,
    );
  });

  it('takes the TLS files of a rediss:// URL', () => {
    const c = loadConfig({ REDIS_URL: 'rediss://redis:6380', REDIS_TLS_CA_FILE: passwordFile });
    expect(c.redis?.tls?.ca).toContain('r3dis');
  });
});
