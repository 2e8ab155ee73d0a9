import { Store } from './catalog/store.js';
import { Cluster } from './cluster.js';
import { DEFAULT_ACCOUNTS, DEFAULT_SERVER_VERSION, DEFAULT_TENANTS, OB_VERSION } from './config.js';
import { Clock } from './engine/clock.js';
import { BackupEngine } from './engine/engine.js';
import type { EngineSnapshot } from './engine/engine.js';
import type { SimulatorOptions } from './options.js';

/* What a simulator serves: its catalog, clock, job engine and cluster, built fresh or from a saved file. */

export interface World {
  store: Store;
  clock: Clock;
  engine: BackupEngine;
  cluster: Cluster;
}

export const STATE_KEY = 'engine';

export async function buildWorld(
  options: SimulatorOptions,
  data: Uint8Array | undefined,
  previous: Clock | null,
): Promise<World> {
  const seed = options.seed ?? 1;
  const clock =
    previous ?? new Clock({ speed: options.speed ?? 1, manual: options.manualClock ?? false });
  const serverVersion = options.serverVersion ?? DEFAULT_SERVER_VERSION;
  const store = await Store.create({
    nowUs: () => clock.nowUs(),
    dataProgressColumns: options.dataProgressColumns ?? true,
    context: {
      offsetMinutes: 480,
      tenantId: 1,
      database: null,
      connectionId: 0,
      user: 'root',
      lastInsertId: 0,
      serverVersion,
      obVersion: OB_VERSION,
    },
    ...(data ? { data } : {}),
  });
  const engine = new BackupEngine(store, clock, seed);
  let restored = false;
  if (data) {
    const row = store.all('SELECT value FROM __sim_state WHERE key = ?', [STATE_KEY])[0];
    if (row?.value) {
      const saved = JSON.parse(String(row.value)) as {
        engine: EngineSnapshot;
        clock: Parameters<Clock['restore']>[0];
      };
      engine.restore(saved.engine);
      if (!previous) {
        clock.restore(saved.clock);
        if (options.speed !== undefined) clock.setSpeed(options.speed);
        if (options.manualClock !== undefined) clock.setManual(options.manualClock);
      }
      restored = true;
    }
  }
  if (!restored) {
    engine.initFresh(options.tenants ?? DEFAULT_TENANTS);
    if (options.seedHistory) engine.seedHistory(options.seedHistory, seed);
  }
  const cluster = new Cluster(
    store,
    engine,
    serverVersion,
    options.accounts ?? DEFAULT_ACCOUNTS,
    options.clusterName ?? null,
  );
  return { store, clock, engine, cluster };
}
