import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeAnswerGzip } from '../middleware/whole-answer-gzip.js';
import { C, PASSWORD, startHarness, type Harness } from '../testing/harness.js';

/** The raw bytes and headers of a GET, with gzip accepted (fetch and supertest would unzip). */
function rawGet(
  h: Pick<Harness, 'baseUrl'>,
  path: string,
  cookie: string,
  acceptEncoding = 'gzip',
) {
  return new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    const req = request(`${h.baseUrl}${path}`, {
      headers: { cookie, origin: h.baseUrl, 'accept-encoding': acceptEncoding },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compression of API answers', () => {
  let h: Harness;
  let cookie: string;
  beforeAll(async () => {
    h = await startHarness({ simulator: { seedHistory: 400 } });
    const res = await h.agent().post(`${C}/session`).send({ user: 'root', password: PASSWORD });
    cookie = String(([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]).split(';')[0]!;
  });
  afterAll(async () => {
    await h.close();
  });

  it('a large answer is gzip at the fastest level; a small one is sent as it is', async () => {
    const big = await rawGet(h, `${C}/backups/history?limit=200`, cookie);
    expect(big.headers['content-encoding']).toBe('gzip');
    const json = gunzipSync(big.body);
    expect(json.length).toBeGreaterThan(8 * 1024);
    // zlib is deterministic: the same body at level 1 gives the same bytes; the default (6) does not.
    expect(big.body.equals(gzipSync(json, { level: 1 }))).toBe(true);

    // Sent whole: compressed at once, with its length, not chunked.
    expect(big.headers['content-length']).toBe(String(big.body.length));
    expect(big.headers['transfer-encoding']).toBeUndefined();
    expect(String(big.headers.vary)).toMatch(/accept-encoding/i);

    const small = await rawGet(h, `${C}/session`, cookie);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toMatchObject({ user: 'root' });
  });

  it('a client that does not take gzip gets the same answer as it is', async () => {
    const zipped = await rawGet(h, `${C}/backups/history?limit=200`, cookie);
    for (const accept of ['identity', 'gzip;q=0, identity']) {
      const plain = await rawGet(h, `${C}/backups/history?limit=200`, cookie, accept);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(String(plain.headers.vary)).toMatch(/accept-encoding/i);
      expect(plain.body.equals(gunzipSync(zipped.body))).toBe(true);
    }
  });

  it('a browser that offers brotli too gets gzip: the cheapest to make, sent at once', async () => {
    const res = await rawGet(
      h,
      `${C}/backups/history?limit=200`,
      cookie,
      'gzip, deflate, br, zstd',
    );
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-length']).toBe(String(res.body.length));
  });

  it('the CSV exports, which are streamed, are still compressed', async () => {
    // One cluster's history and the fleet's (every cluster signed in to, here the one).
    for (const path of [`${C}/backups/history.csv`, '/api/fleet/history.csv']) {
      const csv = await rawGet(h, path, cookie);
      expect(csv.headers['content-encoding'], path).toBe('gzip');
      expect(csv.headers['transfer-encoding'], path).toBe('chunked');
      expect(gunzipSync(csv.body).toString('utf8').split('\n').length).toBeGreaterThan(400);
    }
  });
});

describe('compression of the SPA files', () => {
  let h: Harness;
  let dir: string;
  // A route's chunk of a few KiB: JavaScript that compresses, as a built chunk does.
  const chunk = Array.from(
    { length: 120 },
    (_, i) => `export const v${i} = "${'x'.repeat(20)}";`,
  ).join('\n');
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'obconsole-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'assets', 'route.js'), chunk);
    writeFileSync(join(dir, 'assets', 'tiny.js'), 'console.log(1)');
    h = await startHarness({ app: { webDist: dir } });
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a file over 1 KiB goes gzip, though an API answer of its size would not', async () => {
    expect(chunk.length).toBeGreaterThan(1024);
    expect(chunk.length).toBeLessThan(8 * 1024);
    const route = await rawGet(h, '/assets/route.js', '');
    expect(route.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(route.body).toString('utf8')).toBe(chunk);
    const tiny = await rawGet(h, '/assets/tiny.js', '');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString('utf8')).toBe('console.log(1)');
  });
});

describe('an API answer of over a megabyte', () => {
  it('is gzip too, compressed off the event loop, with its length', async () => {
    const app = express();
    app.use(wholeAnswerGzip(8 * 1024, 1));
    const items = Array.from({ length: 30_000 }, (_, i) => ({ id: i, path: `oss://b/p/${i}` }));
    app.get('/big', (_req, res) => void res.json({ items }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    const res = await rawGet({ baseUrl: `http://127.0.0.1:${port}` }, '/big', '').finally(
      () => new Promise((r) => server.close(r)),
    );
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-length']).toBe(String(res.body.length));
    const json = gunzipSync(res.body);
    expect(json.length).toBeGreaterThan(1024 * 1024);
    expect(JSON.parse(json.toString('utf8')).items).toHaveLength(30_000);
  });
});
