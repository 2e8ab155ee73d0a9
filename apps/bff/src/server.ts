import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServices, createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './lib/logger.js';
import { createConsoleServer } from './lib/http-server.js';
import {
  auditRetentionDaysFromEnv,
  loadSecretBox,
  openStore,
  parseStoreUrl,
  SecretKeyError,
  StoreConfigError,
  StoreUnavailableError,
  storeOptionsFromEnv,
} from '@obconsole/store';
import type { ClusterSetting } from './config-clusters.js';
import { connectShared } from './scale/connect.js';
import { DEMO_PASSWORD, dataFileFor, startEmbeddedClusters } from './embedded-clusters.js';
import { AlertsConfigError, alertsSettingsFromEnv } from './features/alerts/settings.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  // The console's own store: an SQLite file in DATA_DIR by default, STORE_URL in production.
  let store;
  let retentionDays;
  let secretBox;
  let alerts;
  try {
    const storeOptions = storeOptionsFromEnv();
    retentionDays = auditRetentionDaysFromEnv();
    // The key that seals stored secrets is checked (and, by default, created) at start, so a
    // bad key stops the console now rather than the first time a secret is stored.
    parseStoreUrl(storeOptions.url, storeOptions.dataDir);
    secretBox = loadSecretBox({ dataDir: storeOptions.dataDir }).box;
    alerts = alertsSettingsFromEnv(process.env);
    store = await openStore(storeOptions);
  } catch (e) {
    if (
      e instanceof StoreConfigError ||
      e instanceof StoreUnavailableError ||
      e instanceof SecretKeyError ||
      e instanceof AlertsConfigError
    ) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  log.info({ store: store.location }, 'console store opened');
  // Several instances: shared state in Redis (REDIS_URL); unset, all of it in this process.
  const shared = config.redis ? await connectShared(config.redis, secretBox, log) : undefined;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const webDist = config.webDist ?? path.resolve(here, '../../web/dist');

  let clusters: ClusterSetting[];
  let simulators: { close(): Promise<void> } | null = null;
  if (config.clusters) {
    clusters = config.clusters;
  } else {
    // The embedded default: two simulated OceanBase 4.3 clusters in this process.
    const { startSimulator } = await import('@obconsole/oceanbase-sim');
    const sim = config.simulator;
    const offset = (port: number, by: number) => (port === 0 ? 0 : port + by);
    const embedded = await startEmbeddedClusters(async (spec, serviceAccount) => {
      const started = await startSimulator({
        host: '127.0.0.1',
        port: offset(sim.port, spec.portOffset),
        controlPort: sim.controlPort === null ? null : offset(sim.controlPort, spec.portOffset),
        speed: sim.speed,
        seed: spec.seed,
        seedHistory: sim.seedHistory,
        dataFile: dataFileFor(sim.dataFile, spec.id),
        tenants: spec.tenants,
        accounts: [...spec.accounts, serviceAccount],
      });
      log.info(
        { cluster: spec.id, sqlPort: started.sqlPort, controlPort: started.controlPort },
        'embedded OceanBase simulator started',
      );
      return started;
    });
    simulators = embedded;
    clusters = embedded.clusters;
  }

  const consoleApp = createApp(
    buildServices({
      clusters,
      sessionSecret: config.sessionSecret,
      logger: log,
      db: {
        connectTimeoutMs: config.connectTimeoutMs,
        queryTimeoutMs: config.queryTimeoutMs,
        queueLimit: config.queueLimit,
        budget: config.connectionBudget,
        idleMs: config.connectionIdleMs,
      },
      sessionIdleMs: config.sessionIdleMs,
      sessionAbsoluteMs: config.sessionAbsoluteMs,
      trustProxy: config.trustProxy,
      publicOrigin: config.publicOrigin,
      allowedHosts: config.allowedHosts,
      production: config.env === 'production',
      loginRateLimit: config.loginRateLimit,
      caps: config.caps,
      webDist,
      watchClusters: true,
      schedulePolicies: true,
      secretBox,
      store,
      alerts: { ...alerts, start: true },
      shared,
    }),
  );
  // Retention is the audit trail's only delete; the chain stays verifiable from its anchor.
  const prune = () =>
    store.audit
      .pruneOlderThan(retentionDays)
      .catch((e: unknown) => log.error({ err: e }, 'audit retention failed'));
  void prune();
  setInterval(() => void prune(), 24 * 3_600_000).unref();
  // The request timeout covers receiving a request, not the response: SSE streams are not cut.
  const server = createConsoleServer(consoleApp.app, config.server);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;

  const banner = [
    '',
    `  OceanBase backup console: ${url}`,
    ...clusters.map(
      (c) =>
        `  Cluster ${c.name.includes(c.id) ? c.name : `${c.id} (${c.name})`}: ${c.simulated ? 'SIMULATED, ' : ''}${c.target.host}:${c.target.port}${c.target.cluster ? ` (OBProxy cluster ${c.target.cluster})` : ''}${c.serviceAccount ? `, service account ${c.serviceAccount.user}@sys` : ''}`,
    ),
    ...(simulators
      ? [
          `  Demo logins (password: ${DEMO_PASSWORD}), e.g. mysql -h127.0.0.1 -P${clusters[0]!.target.port} -uroot@sys -p${DEMO_PASSWORD}:`,
          ...clusters.flatMap((c) =>
            (c.demoAccounts ?? []).map((a) => `    ${c.id}: ${a.user}@${a.tenant}  ${a.role}`),
          ),
        ]
      : []),
    config.sessionSecretGenerated
      ? '  SESSION_SECRET not set: sessions end when the console restarts.'
      : '',
    // The Host check (DNS rebinding) answers only known names: say so where it will bite.
    config.host !== '127.0.0.1' && !config.publicOrigin && !config.allowedHosts?.length
      ? '  Answering only localhost and IP addresses: set PUBLIC_ORIGIN or ALLOWED_HOSTS to use a host name.'
      : '',
    '',
  ];
  process.stdout.write(banner.join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // Readiness fails and streams reconnect elsewhere first; then in-flight requests drain.
    consoleApp.deps.lifecycle.drain();
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2000).unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await consoleApp.close();
    await shared?.redis.close();
    await store.close();
    await simulators?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error('The console could not start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
