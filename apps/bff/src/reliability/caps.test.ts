import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { Writable } from 'node:stream';
import { C, startHarness, type Harness } from '../testing/harness.js';
import { errorHandler } from '../middleware/errors.js';
import { createLogger } from '../lib/logger.js';
import { toAppError } from '../lib/db.js';

/** Caps on what one account or session may hold, and what happens beyond them. */
describe('caps on sessions, streams and waiting requests', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      app: {
        caps: { sessionsPerAccount: 3, streamsPerSession: 2 },
        // Two connections for the account, as many as a session's own pool had: the per-session
        // limit on waiting requests is what is checked here (the budget has tests of its own).
        db: {
          connectTimeoutMs: 500,
          queryTimeoutMs: 1500,
          queueLimit: 2,
          budget: { perAccount: 2, perCluster: 64 },
        },
      },
    });
  });
  afterEach(async () => {
    h.sim.control.stall(false);
    await h.close();
  });

  it('sessions per account are capped with TOO_MANY_SESSIONS; logging out frees a place; other accounts are unaffected', async () => {
    const live = [
      await h.login('support', 'sys'),
      await h.login('support', 'sys'),
      await h.login('support', 'SYS'),
    ];
    const fourth = await h
      .agent()
      .post(`${C}/session`)
      .send({ user: 'support', tenant: 'Sys', password: 'oceanbase' });
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('TOO_MANY_SESSIONS');
    expect(fourth.body.error.message).toMatch(/limit is 3.*Log out/);
    expect(h.app.deps.registry.size).toBe(3);
    await live[0]!.delete(`${C}/session`).expect(204);
    await h.login('support', 'sys');
    await h.login('root', 'sys');
  });

  it('streams per session are capped with TOO_MANY_STREAMS; closing one frees a place', async () => {
    const a = await h.login('root', 'sys');
    const w1 = h.events(a);
    const w2 = h.events(a);
    await expect.poll(() => w1.text() + w2.text()).toMatch(/event: active[\s\S]*event: active/);
    const third = await a.get(`${C}/events`);
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('TOO_MANY_STREAMS');
    expect(third.body.error.message).toMatch(/limit is 2/);
    w1.close();
    const w3 = h.events(a);
    await expect.poll(() => w3.text(), { timeout: 10_000 }).toContain('event: active');
    w2.close();
    w3.close();
  });

  it('beyond the bounded wait for a connection a request is 503 DATABASE_BUSY with a message, never an opaque 500', async () => {
    const a = await h.login('root', 'sys');
    await a.get(`${C}/tenants`).expect(200);
    h.sim.control.stall(true);
    const answers = await Promise.all(
      // Six different questions: the same one asked six times would be one shared read.
      Array.from({ length: 6 }, (_, i) => a.get(`${C}/backups/history?limit=${i + 1}`)),
    );
    const codes = answers.map((r) => `${r.status} ${r.body.error?.code}`);
    expect(codes).toContain('503 DATABASE_BUSY');
    for (const c of codes) expect(c).toMatch(/^503 DATABASE_(BUSY|UNAVAILABLE)$/);
    // A history page reads the tenant list, the page and its count side by side: the first
    // request waits for a connection itself, and may end on the budget's own deadline instead.
    const busy = answers.filter((r) => r.body.error?.code === 'DATABASE_BUSY');
    for (const b of busy) expect(b.body.error.message).toMatch(/busy.*(Wait|Try again)/);
    expect(busy.map((b) => String(b.body.error.message))).toContainEqual(
      expect.stringMatching(/2 requests of this session are already waiting/),
    );
    h.sim.control.stall(false);
    // The parts a history page shares with other requests (the tenant list, the count) are read
    // on a budget of their own and may still be finishing as the thaw begins: they count among
    // this session's waiting requests until they do.
    await expect
      .poll(async () => (await a.get(`${C}/backups/history?limit=5`)).status, { timeout: 10_000 })
      .toBe(200);
  });
});

describe('500s', () => {
  it('every 500 is logged with the stack of its cause, and the client sees only a generic message', async () => {
    const lines: string[] = [];
    const log = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _e, cb) {
          lines.push(chunk.toString());
          cb();
        },
      }),
    );
    const app = express();
    // A service that maps an unexpected error itself, as services do with toAppError().
    app.get('/mapped', () => {
      throw toAppError(new Error('mapped failure in a service'));
    });
    app.get('/raw', () => {
      throw new TypeError('raw failure in a route');
    });
    app.use(errorHandler(log));
    for (const [path, text] of [
      ['/mapped', 'mapped failure in a service'],
      ['/raw', 'raw failure in a route'],
    ] as const) {
      const res = await supertest(app).get(path);
      expect(res.status).toBe(500);
      expect(res.body.error).toEqual({
        code: 'INTERNAL',
        message: 'Something went wrong on the server.',
      });
      const logged = lines.map((l) => JSON.parse(l) as { msg: string; err?: { stack?: string } });
      const entry = logged.find((l) => l.msg === 'unhandled error' && l.err?.stack?.includes(text));
      expect(entry?.err?.stack, path).toMatch(/\n\s+at /);
    }
  });
});
