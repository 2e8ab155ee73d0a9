import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './lib/logger.js';
import { createConsoleServer } from './lib/http-server.js';
import type { DbTarget } from './lib/db.js';
import type { HealthResponse } from '@obconsole/contracts';

// roleKey: the web says the role in the user's language; role stays for API clients and the log.
const DEMO_ACCOUNTS: NonNullable<HealthResponse['demoAccounts']> = [
  { tenant: 'sys', user: 'root', role: 'cluster operator (ALTER SYSTEM)', roleKey: 'operator' },
  {
    tenant: 'mysql_tenant',
    user: 'root',
    role: 'tenant admin, MySQL mode',
    roleKey: 'tenantAdminMysql',
  },
  {
    tenant: 'oracle_tenant',
    user: 'SYS',
    role: 'tenant admin, Oracle mode',
    roleKey: 'tenantAdminOracle',
  },
  {
    tenant: 'sys',
    user: 'support',
    role: 'read-only support (SELECT on oceanbase.*)',
    roleKey: 'support',
  },
];

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
  const here = path.dirname(fileURLToPath(import.meta.url));
  const webDist = config.webDist ?? path.resolve(here, '../../web/dist');

  let target: DbTarget;
  let simulator: { close(): Promise<void> } | null = null;
  if (config.database) {
    target = config.database;
  } else {
    // The embedded default: a simulated OceanBase 4.3 cluster in this process.
    const { startSimulator } = await import('@obconsole/oceanbase-sim');
    const sim = await startSimulator({
      host: '127.0.0.1',
      port: config.simulator.port,
      controlPort: config.simulator.controlPort,
      speed: config.simulator.speed,
      seedHistory: config.simulator.seedHistory,
      dataFile: config.simulator.dataFile,
    });
    simulator = sim;
    target = { host: '127.0.0.1', port: sim.sqlPort };
    log.info(
      { sqlPort: sim.sqlPort, controlPort: sim.controlPort },
      'embedded OceanBase simulator started',
    );
  }

  const consoleApp = createApp({
    target,
    sessionSecret: config.sessionSecret,
    logger: log,
    simulated: simulator !== null,
    demoAccounts: simulator ? DEMO_ACCOUNTS : undefined,
    db: {
      connectTimeoutMs: config.connectTimeoutMs,
      queryTimeoutMs: config.queryTimeoutMs,
      queueLimit: config.queueLimit,
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
  });
  // The request timeout covers receiving a request, not the response: SSE streams are not cut.
  const server = createConsoleServer(consoleApp.app, config.server);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;

  const banner = [
    '',
    `  OceanBase backup console: ${url}`,
    simulator
      ? `  Running on the SIMULATED cluster (no OB_HOST set). SQL: mysql -h127.0.0.1 -P${target.port} -uroot@sys -poceanbase`
      : `  OceanBase: ${target.host}:${target.port}${target.cluster ? ` (cluster ${target.cluster})` : ''}`,
    ...(simulator
      ? [
          '  Demo logins (password: oceanbase):',
          ...DEMO_ACCOUNTS.map((a) => `    ${a.user}@${a.tenant}  ${a.role}`),
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
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2000).unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await consoleApp.close();
    await simulator?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error('The console could not start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
