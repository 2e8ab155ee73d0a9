import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { C, startHarness, type Harness } from '../testing/harness.js';

const errorLines = (h: Harness) =>
  h.logs.filter((l) => (JSON.parse(l) as { level: number }).level >= 50);

/** Host checks, cookies behind a proxy, static files, caching and strict input at the edge. */
describe('the HTTP edge', () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'obconsole-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    h = await startHarness({ app: { webDist: dir } });
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a request for another host name (DNS rebinding) is 421 MISDIRECTED_REQUEST, API and page alike', async () => {
    for (const path of ['/api/health', `${C}/session`, '/']) {
      const res = await h.agent().get(path).set('Host', 'rebind.attacker.example');
      expect(res.status, path).toBe(421);
      expect(res.body.error.code).toBe('MISDIRECTED_REQUEST');
      expect(res.body.error.message).toMatch(/ALLOWED_HOSTS/);
    }
    await h.agent().get('/api/health').set('Host', 'localhost').expect(200);
    await h.agent().get('/api/health').expect(200);
  });

  it('a missing static file is 404 and a malformed URL 400, neither logged as an error', async () => {
    await h.agent().get('/assets/app.js').expect(200);
    const missing = await h.agent().get('/assets/missing-chunk.js');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    for (const path of ['/assets/%E0%A4%A', `${C}/backups/history/%E0%A4%A/1`]) {
      const a = path.startsWith('/api') ? await h.login('root', 'sys') : h.agent();
      const res = await a.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.message, path).toMatch(/URL is malformed/);
    }
    expect(errorLines(h)).toEqual([]);
  });

  it('authenticated JSON is Cache-Control: no-store', async () => {
    const a = await h.login('root', 'sys');
    for (const path of [`${C}/session`, `${C}/tenants`, `${C}/backups/active`]) {
      const res = await a.get(path).expect(200);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
  });

  it('API answers carry no ETag (no-store: nothing can revalidate them); static files keep theirs', async () => {
    const a = await h.login('root', 'sys');
    for (const path of [`${C}/session`, `${C}/tenants`, `${C}/backups/history?limit=5`]) {
      const res = await a.get(path).expect(200);
      expect(res.headers.etag, path).toBeUndefined();
    }
    for (const path of ['/assets/app.js', '/', '/backups/history']) {
      const res = await h.agent().get(path).expect(200);
      expect(res.headers.etag, path).toBeDefined();
    }
  });

  it('history date bounds are real dates: February 30 is an error, not March 2', async () => {
    const a = await h.login('root', 'sys');
    for (const bad of [
      '2026-02-30',
      '2026-02-29',
      '2026-13-01',
      '2026-04-31T00:00:00Z',
      '2026-01-01T24:00:00Z',
    ]) {
      const res = await a.get(`${C}/backups/history?from=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code, bad).toBe('VALIDATION_FAILED');
      expect(res.body.error.message, bad).toMatch(/real ISO date/);
    }
    await a.get(`${C}/backups/history?from=2028-02-29&to=2028-03-01T23:59:59Z`).expect(200);
  });

  it('a password with an unpaired surrogate is refused with a clear message, not changed', async () => {
    const broken = 'Passw0rd-\ud83d';
    const login = await h
      .agent()
      .post(`${C}/session`)
      .send({ user: 'root', tenant: 'sys', password: broken });
    expect(login.status).toBe(400);
    expect(login.body.error.message).toMatch(/unpaired surrogate/);
    const a = await h.login('root', 'sys');
    const start = await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'], encryptionPassword: broken });
    expect(start.status).toBe(400);
    expect(start.body.error.code).toBe('VALIDATION_FAILED');
    expect(start.body.error.message).toMatch(/unpaired surrogate/);
    expect(h.sim.control.statements(1000).some((s) => /ALTER SYSTEM BACKUP/.test(s.text))).toBe(
      false,
    );
  });
});

describe('behind a TLS-terminating proxy in production', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      app: { trustProxy: true, production: true, publicOrigin: 'https://console.example.com' },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('the session cookie is Secure whatever X-Forwarded-Proto says', async () => {
    for (const proto of ['http', 'https', undefined]) {
      const req = h
        .agent()
        .post(`${C}/session`)
        .set('Host', 'console.example.com')
        .set('Origin', 'https://console.example.com');
      if (proto) req.set('X-Forwarded-Proto', proto);
      const res = await req.send({ user: 'root', tenant: 'sys', password: 'oceanbase' });
      expect(res.status, String(proto)).toBe(200);
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join('\n');
      expect(cookie, String(proto)).toMatch(/obconsole\.sid=.*; Secure/);
    }
  });

  it("PUBLIC_ORIGIN's host is accepted and other names are not", async () => {
    await h.agent().get('/api/health').set('Host', 'console.example.com').expect(200);
    expect((await h.agent().get('/api/health').set('Host', 'evil.example')).status).toBe(421);
  });
});
