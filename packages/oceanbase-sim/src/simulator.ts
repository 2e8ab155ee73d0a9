import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Cluster } from './cluster.js';
import { startControlServer } from './control/http.js';
import type { ControlServer } from './control/http.js';
import type { SimulatorControl } from './control/api.js';
import { Clock } from './engine/clock.js';
import { createProtocolServer } from './protocol/server.js';
import type { ProtocolServer } from './protocol/server.js';
import { SqlError } from './protocol/types.js';
import type { ParamValue } from './protocol/types.js';
import { ControlError } from './errors.js';

export type { SimulatorControl } from './control/api.js';
export type { Simulator, SimulatorOptions } from './options.js';
import type { Simulator, SimulatorOptions } from './options.js';

import { buildWorld, STATE_KEY, type World } from './world.js';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const dataFile = options.dataFile;
  const data =
    dataFile && existsSync(dataFile) ? new Uint8Array(readFileSync(dataFile)) : undefined;
  let world = await buildWorld(options, data, null);
  let dirty = false;
  let lastSave = 0;

  const save = (): void => {
    if (!dataFile) return;
    world.engine.tick();
    world.store.run('INSERT OR REPLACE INTO __sim_state (key, value) VALUES (?, ?)', [
      STATE_KEY,
      JSON.stringify({ engine: world.engine.snapshot(), clock: world.clock.snapshot() }),
    ]);
    const bytes = world.store.export();
    const tmp = `${dataFile}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, dataFile);
    dirty = false;
    lastSave = Date.now();
  };
  const wire = (w: World): void => {
    w.engine.onChange = () => {
      dirty = true;
    };
  };
  wire(world);

  // The protocol server holds one backend for its lifetime; reset swaps the world behind it.
  const backend = {
    get serverVersion() {
      return world.cluster.serverVersion;
    },
    findAccount: (identity: Parameters<Cluster['findAccount']>[0]) =>
      world.cluster.findAccount(identity),
    openSession: (identity: Parameters<Cluster['openSession']>[0]) => {
      const cluster = world.cluster;
      const session = cluster.openSession(identity);
      const alive = (): void => {
        if (cluster !== world.cluster)
          throw new SqlError(2013, 'HY000', 'Lost connection to MySQL server during query');
      };
      return {
        execute: (sql: string) => {
          alive();
          return session.execute(sql);
        },
        prepare: (sql: string) => {
          alive();
          return session.prepare(sql);
        },
        executePrepared: (sql: string, params: readonly ParamValue[]) => {
          alive();
          return session.executePrepared(sql, params);
        },
        initDb: (db: string) => session.initDb(db),
        sessionError: (err: SqlError) => session.sessionError(err),
        close: () => session.close(),
      };
    },
  };

  const protocol: ProtocolServer = createProtocolServer(backend, {
    host,
    port: options.port ?? 2881,
  });
  const sqlPort = await protocol.listen();
  world.cluster.sqlPort = sqlPort;

  const timer = setInterval(() => {
    try {
      if (!world.clock.manual) world.engine.tick();
      if (dataFile && dirty && Date.now() - lastSave >= 1000) save();
    } catch (e) {
      console.error('oceanbase-sim: background tick failed', e);
    }
  }, 250);
  timer.unref();

  const tenantOf = (name: string) => {
    if (typeof name !== 'string' || !name) throw new ControlError('tenant is required');
    const t = world.engine.tenantByName(name);
    if (!t) throw new ControlError(`unknown tenant '${name}'`);
    return t;
  };

  const control: SimulatorControl = {
    advance(seconds) {
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0)
        throw new ControlError('seconds must be a number >= 0');
      world.clock.advance(seconds);
      world.engine.tick();
    },
    setClock(nowUs) {
      if (typeof nowUs !== 'number' || !Number.isSafeInteger(nowUs) || nowUs <= 0)
        throw new ControlError('nowUs must be a positive integer (microseconds since the epoch)');
      world.engine.tick();
      world.clock.setTo(nowUs);
      world.engine.tick();
    },
    setSpeed(speed) {
      if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0)
        throw new ControlError('speed must be a number > 0');
      world.engine.tick();
      world.clock.setSpeed(speed);
    },
    setManualClock(manual) {
      if (typeof manual !== 'boolean') throw new ControlError('manual must be a boolean');
      world.engine.tick();
      world.clock.setManual(manual);
    },
    clock() {
      const nowUs = world.clock.nowUs();
      return {
        nowUs,
        now: new Date(nowUs / 1000).toISOString(),
        speed: world.clock.speed,
        manual: world.clock.manual,
      };
    },
    failNextTask(tenant, result = -4016, comment) {
      if (typeof result !== 'number' || !Number.isInteger(result) || result >= 0)
        throw new ControlError('result must be a negative integer');
      if (comment !== undefined && typeof comment !== 'string')
        throw new ControlError('comment must be a string');
      const t = tenantOf(tenant);
      if (t.id === 1 || t.id % 2 === 1)
        throw new ControlError('only user tenants run backup tasks');
      return { applied: world.engine.failNextTask(t, result, comment ?? null) };
    },
    setArchive(tenant, action) {
      if (action !== 'stop' && action !== 'resume' && action !== 'interrupt')
        throw new ControlError('action must be stop, resume or interrupt');
      world.engine.controlArchive(tenantOf(tenant), action);
    },
    setTenantStatus(tenant, status) {
      if (typeof status !== 'string' || !/^[A-Z_]+$/.test(status))
        throw new ControlError(
          'status must be an upper-case word such as NORMAL, DROPPING, RESTORE',
        );
      world.engine.setTenantStatus(tenantOf(tenant), status);
    },
    dropConnections(refuseSeconds = 0) {
      if (typeof refuseSeconds !== 'number' || !(refuseSeconds >= 0 && refuseSeconds <= 60))
        throw new ControlError('refuseSeconds must be a number of seconds in 0..60');
      return protocol.dropAllConnections(refuseSeconds * 1000);
    },
    stall(on, seconds) {
      if (typeof on !== 'boolean')
        throw new ControlError('on must be true (freeze) or false (thaw)');
      if (
        seconds !== undefined &&
        (typeof seconds !== 'number' || !(seconds > 0 && seconds <= 600))
      )
        throw new ControlError('seconds must be a number in (0, 600]');
      protocol.stall(on, seconds === undefined ? undefined : seconds * 1000);
      return { stalled: protocol.stalled };
    },
    seedHistory(count, seed) {
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 2_000_000)
        throw new ControlError('count must be an integer in 0..2000000');
      if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed)))
        throw new ControlError('seed must be an integer');
      return world.engine.seedHistory(count, seed ?? options.seed ?? 1);
    },
    stats() {
      return world.cluster.stats(protocol.stats());
    },
    resetPeaks() {
      world.cluster.resetPeaks();
    },
    statements(limit = 100) {
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0)
        throw new ControlError('limit must be an integer >= 0');
      return world.cluster.statements(limit);
    },
    async reset() {
      protocol.dropAllConnections();
      const old = world;
      world = await buildWorld(
        { ...options, seedHistory: options.seedHistory ?? 0 },
        undefined,
        new Clock({ speed: options.speed ?? 1, manual: options.manualClock ?? false }),
      );
      world.cluster.sqlPort = sqlPort;
      wire(world);
      old.store.close();
      dirty = true;
    },
    login(user, password, database) {
      return world.cluster.login(user, password, database);
    },
  };

  let controlServer: ControlServer | null = null;
  if (options.controlPort !== null && options.controlPort !== false) {
    controlServer = await startControlServer(control, options.controlPort ?? 2886);
  }

  let closed = false;
  return {
    sqlPort,
    controlPort: controlServer?.port ?? null,
    host,
    control,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await controlServer?.close();
      await protocol.close();
      if (dataFile) save();
      world.store.close();
    },
  };
}
