import { afterEach, describe, expect, it } from 'vitest';
import { C, PASSWORD, startHarness, type Harness } from '../testing/harness.js';
import { Db } from '../lib/db.js';
import { createLogger } from '../lib/logger.js';
import { Secret } from '../lib/secret.js';

/*
 * The connection budget, counted where it matters: at the database. Every session of one
 * account borrows from one shared pool (lib/pool.ts); the simulator's stats count the sessions
 * logged in to it at most at once, per account and in all.
 */
let h: Harness | undefined;
afterEach(async () => {
  h?.sim.control.stall(false);
  await h?.close();
  h = undefined;
});

const peaks = (harness: Harness) => harness.sim.control.stats().connections;

describe('the connection budget', () => {
  it('30 sessions of one account reading at once all succeed on at most 8 connections', async () => {
    h = await startHarness({
      app: {
        caps: { sessionsPerAccount: 40, streamsPerSession: 2 },
        db: {
          connectTimeoutMs: 3000,
          queryTimeoutMs: 15_000,
          budget: { perAccount: 8, perCluster: 64 },
        },
      },
    });
    const sessions = [];
    for (let i = 0; i < 30; i++) sessions.push(await h.login('root', 'sys'));
    // Logins probe on a connection of their own; the reads are what is measured here.
    await expect.poll(() => peaks(h!).byAccount['root@sys']?.open ?? 0).toBe(0);
    h.sim.control.resetPeaks();
    const answers = await Promise.all(
      sessions.flatMap((a) => [a.get(`${C}/tenants`), a.get(`${C}/backups/history?limit=5`)]),
    );
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    const root = peaks(h).byAccount['root@sys']!;
    expect(root.peak).toBeGreaterThan(1);
    expect(root.peak).toBeLessThanOrEqual(8);
  });

  it('the accounts of one cluster share its budget: two accounts at once stay within it', async () => {
    h = await startHarness({
      app: {
        caps: { sessionsPerAccount: 40, streamsPerSession: 2 },
        db: {
          connectTimeoutMs: 3000,
          queryTimeoutMs: 15_000,
          budget: { perAccount: 4, perCluster: 6 },
        },
      },
    });
    const sessions = [];
    for (let i = 0; i < 10; i++) {
      sessions.push(await h.login('root', 'sys'), await h.login('root', 'mysql_tenant'));
    }
    h.sim.control.resetPeaks();
    const answers = await Promise.all(sessions.map((a) => a.get(`${C}/tenants`)));
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    const c = peaks(h);
    // Every account of the cluster counts, the console's service account (its watcher) too.
    expect(c.peak).toBeLessThanOrEqual(6);
    expect(c.byAccount['root@sys']!.peak).toBeLessThanOrEqual(4);
    expect(c.byAccount['root@mysql_tenant']!.peak).toBeLessThanOrEqual(4);
  });

  it('a read still waiting for a connection at its deadline is 503 DATABASE_BUSY, and nothing more was opened', async () => {
    const settings = {
      connectTimeoutMs: 3000,
      queryTimeoutMs: 1500,
      budget: { perAccount: 2, perCluster: 64 },
    };
    h = await startHarness({ app: { db: settings } });
    const a = await h.login('root', 'sys');
    // Two users of the same account hold both its connections (a start's dedicated connection
    // holds one this way while its statements run).
    const account = {
      target: { host: '127.0.0.1', port: h.sim.sqlPort },
      user: 'root',
      tenant: 'sys',
      password: new Secret(PASSWORD),
    };
    const holders = [0, 1].map(() => new Db(account, 'MYSQL', settings, createLogger('silent')));
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    let holding = 0;
    const holds = holders.map((db) =>
      db.withDedicatedConnection(async () => {
        holding += 1;
        await held;
      }),
    );
    await expect.poll(() => holding).toBe(2);
    h.sim.control.resetPeaks();

    const started = Date.now();
    const res = await a.get(`${C}/backups/history?limit=5`);
    expect(`${res.status} ${res.body.error?.code}`).toBe('503 DATABASE_BUSY');
    expect(res.body.error.message).toMatch(
      /every connection this account may open \(2 per account/,
    );
    expect(res.body.error.params).toMatchObject({ variant: 'budget', perAccount: 2 });
    // Queued until the deadline, not refused at once.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(peaks(h).byAccount['root@sys']!.peak).toBe(2);

    // A place freed goes to the first in line.
    const waiting = a.get(`${C}/backups/history?limit=5`);
    await new Promise((r) => setTimeout(r, 200));
    letGo();
    await Promise.all(holds);
    expect((await waiting).status).toBe(200);
    expect(peaks(h).byAccount['root@sys']!.peak).toBe(2);
    await Promise.all(holders.map((db) => db.close()));
  });

  it('the connection that ran SET ENCRYPTION is destroyed: no later read runs on it', async () => {
    h = await startHarness({
      app: {
        db: {
          connectTimeoutMs: 3000,
          queryTimeoutMs: 15_000,
          budget: { perAccount: 2, perCluster: 64 },
        },
      },
    });
    const a = await h.login('root', 'sys');
    await a.get(`${C}/tenants`).expect(200);
    const started = await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'], encryptionPassword: 'S3cret-pw' });
    expect(started.status).toBe(202);
    const log = () => h!.sim.control.statements(1000);
    const set = log().find((s) => s.text.startsWith('SET ENCRYPTION'))!;
    expect(set).toBeDefined();
    const onIt = () => log().filter((s) => s.connectionId === set.connectionId).length;
    const before = onIt();
    // More reads than the budget has connections: had it gone back to the pool, one would get it.
    for (let i = 0; i < 4; i++) {
      await Promise.all([
        a.get(`${C}/tenants`).expect(200),
        a.get(`${C}/backups/active`).expect(200),
      ]);
    }
    const later = log().slice(log().indexOf(set) + 1);
    expect(later.filter((s) => s.account === 'root@sys').length).toBeGreaterThan(10);
    expect(onIt()).toBe(before);
  });
});
