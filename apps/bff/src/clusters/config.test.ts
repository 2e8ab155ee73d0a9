import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

const dir = mkdtempSync(join(tmpdir(), 'obconsole-clusters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('the clusters configuration', () => {
  it('a clusters file lists clusters with their OBProxy name and a service account read from a file', () => {
    const pw = file('svc.pw', 'S3cret-from-file\n');
    const c = loadConfig({
      CLUSTERS_FILE: file('ok.json', {
        clusters: [
          {
            id: 'prod-hz',
            name: 'Production (Hangzhou)',
            host: 'obproxy.hz',
            port: 2883,
            proxyClusterName: 'obcluster_hz',
            serviceAccount: { user: 'console@sys', passwordFile: pw },
          },
          {
            id: 'standby',
            host: '10.0.0.9',
            port: 2881,
            serviceAccount: { user: 'console', tenant: 'sys', passwordEnv: 'STANDBY_PW' },
          },
          { id: 'test', host: 'ob-test', port: 2881 },
        ],
      }),
      STANDBY_PW: 'from-env',
    });
    expect(c.clusters?.map((x) => [x.id, x.name, x.target])).toEqual([
      [
        'prod-hz',
        'Production (Hangzhou)',
        { host: 'obproxy.hz', port: 2883, cluster: 'obcluster_hz' },
      ],
      ['standby', 'standby', { host: '10.0.0.9', port: 2881, cluster: undefined }],
      ['test', 'test', { host: 'ob-test', port: 2881, cluster: undefined }],
    ]);
    expect(c.clusters?.[0]?.serviceAccount?.user).toBe('console');
    expect(c.clusters?.[0]?.serviceAccount?.password.reveal()).toBe('S3cret-from-file');
    expect(c.clusters?.[1]?.serviceAccount?.password.reveal()).toBe('from-env');
    expect(c.clusters?.[2]?.serviceAccount).toBeUndefined();
    // The password never shows when the configuration is printed or logged.
    expect(JSON.stringify(c)).not.toContain('S3cret-from-file');
  });

  it('every bad field of a clusters file is listed with its path and what to fix', () => {
    const msg = configError({
      CLUSTERS_FILE: file('bad.json', {
        clusters: [
          { id: 'Prod HZ', host: '', port: 70000 },
          {
            id: 'dup',
            host: 'a',
            port: 1,
            serviceAccount: { user: 'root@mysql_tenant', password: 'oceanbase' },
          },
          { id: 'dup', host: 'b', port: 2, colour: 'blue' },
        ],
      }),
    });
    expect(msg).toMatch(/^Invalid clusters file .*bad\.json:/);
    for (const expected of [
      /clusters\.0\.id: a cluster id is 1-63 lower-case/,
      /clusters\.0\.host: enter the observer or OBProxy host/,
      /clusters\.0\.port: /,
      /clusters\.1\.serviceAccount\.password: a password never goes in the clusters file: use passwordFile .* or passwordEnv/,
      /clusters\.1\.serviceAccount\.passwordFile: give exactly one of passwordFile or passwordEnv/,
      /clusters\.1\.serviceAccount\.user: a service account belongs to the sys tenant/,
      /clusters\.2: Unrecognized key: "colour"/,
      /clusters\.2\.id: "dup" is already the id of another cluster/,
    ])
      expect(msg).toMatch(expected);
    // The password typed into the file is not echoed back.
    expect(msg).not.toContain('oceanbase');
  });

  it('a service password file or variable that is missing is named', () => {
    const msg = configError({
      CLUSTERS_FILE: file('missing.json', {
        clusters: [
          {
            id: 'a',
            host: 'h',
            port: 1,
            serviceAccount: { user: 'svc@sys', passwordFile: join(dir, 'nope.pw') },
          },
          { id: 'b', host: 'h', port: 2, serviceAccount: { user: 'svc', passwordEnv: 'NOT_SET' } },
        ],
      }),
    });
    expect(msg).toMatch(
      /clusters\.0\.serviceAccount\.passwordFile: cannot read .*nope\.pw \(ENOENT\)/,
    );
    expect(msg).toMatch(
      /clusters\.1\.serviceAccount\.passwordEnv: the environment variable NOT_SET is not set/,
    );
  });

  it('a clusters file that is not JSON, or absent, says so', () => {
    expect(configError({ CLUSTERS_FILE: file('x.json', 'clusters: [') })).toMatch(
      /is not valid JSON/,
    );
    expect(configError({ CLUSTERS_FILE: join(dir, 'absent.json') })).toMatch(
      /CLUSTERS_FILE: cannot read .*absent\.json \(ENOENT\)/,
    );
    expect(configError({ CLUSTERS_FILE: file('y.json', {}), OB_HOST: 'h' })).toMatch(
      /either CLUSTERS_FILE or OB_HOST, not both/,
    );
  });

  it('OB_HOST means one cluster: id default, name the id, service account from OB_SERVICE_*', () => {
    const c = loadConfig({
      OB_HOST: 'ob1',
      OB_PORT: '2883',
      OB_CLUSTER: 'obc',
      OB_SERVICE_USER: 'console@sys',
      OB_SERVICE_PASSWORD_FILE: file('one.pw', 'pw-one\n'),
    });
    expect(c.clusters).toHaveLength(1);
    expect(c.clusters![0]).toMatchObject({
      id: 'default',
      name: 'default',
      target: { host: 'ob1', port: 2883, cluster: 'obc' },
      serviceAccount: { user: 'console', tenant: 'sys' },
    });
    expect(c.clusters![0]!.serviceAccount!.password.reveal()).toBe('pw-one');
    const named = loadConfig({ OB_HOST: 'ob1', OB_CLUSTER_ID: 'prod', OB_CLUSTER_NAME: 'Prod' });
    expect(named.clusters![0]).toMatchObject({ id: 'prod', name: 'Prod' });
    expect(named.clusters![0]!.serviceAccount).toBeUndefined();
  });

  it('single-cluster mistakes are listed like the rest of the environment', () => {
    expect(configError({ OB_HOST: 'h', OB_CLUSTER_ID: 'Not OK' })).toMatch(/OB_CLUSTER_ID: /);
    expect(configError({ OB_HOST: 'h', OB_SERVICE_USER: 'svc' })).toMatch(
      /OB_SERVICE_USER: set OB_SERVICE_PASSWORD_FILE/,
    );
    expect(
      configError({ OB_HOST: 'h', OB_SERVICE_USER: 'svc@mysql_tenant', OB_SERVICE_PASSWORD: 'x' }),
    ).toMatch(/belongs to the sys tenant/);
  });

  it('without OB_HOST or a clusters file the embedded simulated clusters are meant', () => {
    expect(loadConfig({}).clusters).toBeNull();
  });

  it('the built server refuses to start on a bad clusters file, printing the list and exiting 2', async () => {
    const server = fileURLToPath(new URL('../../dist/server.js', import.meta.url));
    const bad = file('start.json', {
      clusters: [
        { id: 'x', host: 'h', port: 'twelve', serviceAccount: { user: 'a', password: 'p' } },
      ],
    });
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [server],
        { env: { PATH: process.env.PATH, CLUSTERS_FILE: bad, PORT: '0' }, timeout: 20_000 },
        (_err, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
      );
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Invalid clusters file/);
    expect(result.stderr).toMatch(/clusters\.0\.port: /);
    expect(result.stderr).toMatch(/clusters\.0\.serviceAccount\.password: a password never goes/);
  });

  it('the built server refuses to start with a store setting it cannot use, saying what to fix', async () => {
    const server = fileURLToPath(new URL('../../dist/server.js', import.meta.url));
    const run = (env: Record<string, string>) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = execFile(
          process.execPath,
          [server],
          {
            env: { PATH: process.env.PATH, PORT: '0', SIM_PORT: '0', SIM_CONTROL: 'off', ...env },
            timeout: 20_000,
          },
          (_err, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
        );
      });
    const key = await run({ CONSOLE_SECRET_KEY: 'short', DATA_DIR: file('d1', {}) + '.dir' });
    expect(key.code).toBe(2);
    expect(key.stderr).toMatch(/CONSOLE_SECRET_KEY decodes to \d+ bytes: it must be 32 bytes/);
    const dataDir = file('d2', {}) + '.dir';
    const url = await run({
      STORE_URL: 'mysql://user:secret@db.example:3306/console',
      DATA_DIR: dataDir,
    });
    expect(url.code).toBe(2);
    expect(url.stderr).not.toContain('secret@');
    // Refused before anything is written: no key file for a store that was never opened.
    expect(existsSync(dataDir)).toBe(false);
  });
});
