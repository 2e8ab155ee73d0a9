import express from 'express';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { requestLog } from '../middleware/request-log.js';

/** An app with the request log in front, and the lines it wrote. */
function logged() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  const app = express();
  app.use(requestLog(createLogger('info', sink), (url) => url === '/api/health'));
  const api = express.Router();
  api.get('/tenants', (_req, res) => void res.json({ tenants: [] }));
  api.get('/broken', (_req, res) => void res.status(503).json({ error: { code: 'BUSY' } }));
  api.get('/stream', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.write('retry: 3000\n\n');
  });
  app.use('/api/clusters/a', api);
  app.get('/api/health', (_req, res) => void res.json({ ok: true }));
  return { app, lines };
}

describe('the request log', () => {
  it('writes one line per answer with the URL asked for, its status and its time', async () => {
    const { app, lines } = logged();
    await request(app).get('/api/clusters/a/tenants?x=1').expect(200);
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      // The router below saw /tenants; the line keeps what the client asked for.
      req: { method: 'GET', url: '/api/clusters/a/tenants?x=1' },
      res: { statusCode: 200 },
    });
    expect(lines[0]!.responseTime).toEqual(expect.any(Number));
    // Nothing about the request but its method and URL: no headers, so no cookie.
    expect(Object.keys(lines[0]!.req as object)).toEqual(['method', 'url']);
  });

  it('a 5xx answer is a warning; health probes are not logged', async () => {
    const { app, lines } = logged();
    await request(app).get('/api/health').expect(200);
    await request(app).get('/api/clusters/a/broken').expect(503);
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      msg: 'request errored',
      res: { statusCode: 503 },
    });
  });

  it('an answer the client left before it ended is logged as aborted', async () => {
    const { app, lines } = logged();
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/api/clusters/a/stream' });
        req.on('response', (res) => res.once('data', () => (req.destroy(), resolve())));
        req.on('error', reject);
        req.end();
      });
      await expect.poll(() => lines.length).toBe(1);
      expect(lines[0]).toMatchObject({
        level: 30,
        msg: 'request aborted',
        req: { url: '/api/clusters/a/stream' },
      });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
