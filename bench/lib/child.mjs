// Runs the simulator or the BFF (from the built dist/) in a process of its own, so that the
// benchmark's load generator does not share their event loop and RSS measures one of them.
//   node bench/lib/child.mjs sim '{"seedHistory":1000,...}'   → READY {"sqlPort","controlPort","pid"}
//   node bench/lib/child.mjs bff '{"sqlPort":1234,...}'        → READY {"port","pid"}
// The child exits when its stdin closes (the parent died) or on SIGTERM.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [mode, rawOptions = '{}'] = process.argv.slice(2);
const options = JSON.parse(rawOptions);

let stop = async () => undefined;

if (mode === 'sim') {
  const { startSimulator, DEFAULT_ACCOUNTS } = await import(
    path.join(root, 'packages/oceanbase-sim/dist/index.js')
  );
  const { extraAccounts = [], ...simOptions } = options;
  const sim = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    controlPort: 0,
    seed: 42,
    ...simOptions,
    ...(extraAccounts.length ? { accounts: [...DEFAULT_ACCOUNTS, ...extraAccounts] } : {}),
  });
  stop = () => sim.close();
  ready({ sqlPort: sim.sqlPort, controlPort: sim.controlPort, pid: process.pid });
} else if (mode === 'bff') {
  const { buildServices, createApp } = await import(path.join(root, 'apps/bff/dist/app.js'));
  const { createLogger } = await import(path.join(root, 'apps/bff/dist/lib/logger.js'));
  // As in production (apps/bff/src/server.ts): pino at info, synchronously to this process's
  // real stdout (a pipe the parent drains), so the bench pays what a server pays per line.
  // BENCH_LOG_FILE keeps the log in a file instead, for a diagnosis.
  const level = process.env.BENCH_LOG_LEVEL ?? 'info';
  const destination = process.env.BENCH_LOG_FILE
    ? pino.multistream([
        {
          level: 'trace',
          stream: pino.destination({ dest: process.env.BENCH_LOG_FILE, sync: false }),
        },
        { level: 'warn', stream: process.stderr },
      ])
    : undefined;
  const { createConsoleServer, DEFAULT_SERVER_LIMITS } = await import(
    path.join(root, 'apps/bff/dist/lib/http-server.js')
  );
  // `clusterPorts` (several clusters, ids bench, bench-2, …) or `sqlPort` (one: bench).
  const {
    sqlPort,
    clusterPorts = [sqlPort],
    webDist,
    server: serverLimits = {},
    serviceAccount,
    redis,
    ...appOptions
  } = options;
  // A service account (user@sys) makes the console watch the cluster, as the server does.
  const { Secret } = await import(path.join(root, 'apps/bff/dist/lib/secret.js'));
  // The console's store as the embedded default has it: an SQLite file, here in a temporary dir.
  const { openStore } = await import(path.join(root, 'packages/store/dist/index.js'));
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'obconsole-bench-store-'));
  const store = await openStore({ dataDir: storeDir });
  // Several instances (bench/scale-out.mjs): the shared state in Redis, one key for all.
  let shared;
  if (redis) {
    const { connectSharedState } = await import(path.join(root, 'apps/bff/dist/scale/seams.js'));
    const { SecretBox } = await import(path.join(root, 'packages/store/dist/index.js'));
    const box = new SecretBox([Buffer.from(redis.secretKey, 'hex')]);
    shared = await connectSharedState(
      { url: redis.url, prefix: redis.prefix },
      box,
      createLogger('warn'),
    );
  }
  const consoleApp = createApp(
    buildServices({
      store,
      clusters: clusterPorts.map((port, i) => ({
        id: i === 0 ? 'bench' : `bench-${i + 1}`,
        name: i === 0 ? 'bench' : `bench-${i + 1}`,
        target: { host: '127.0.0.1', port },
        simulated: true,
        ...(serviceAccount
          ? {
              serviceAccount: {
                user: serviceAccount.user,
                tenant: 'sys',
                password: new Secret(serviceAccount.password),
              },
            }
          : {}),
      })),
      sessionSecret: 'bench-session-secret-0123456789abcdef0123',
      logger: createLogger(level, destination),
      ...(shared ? { shared } : {}),
      ...(webDist ? { webDist: path.resolve(root, webDist) } : {}),
      ...appOptions,
    }),
  );
  // As in apps/bff/src/server.ts: request/header timeouts and socket caps (SSE is unaffected).
  const server = createConsoleServer(consoleApp.app, { ...DEFAULT_SERVER_LIMITS, ...serverLimits });
  // BENCH_TRACE=1 (or =layers): where each request's time goes, printed when this BFF stops.
  const traceReport = process.env.BENCH_TRACE
    ? (await import('./trace.mjs')).installTrace({
        root,
        app: consoleApp.app,
        server,
        layers: process.env.BENCH_TRACE === 'layers',
      })
    : null;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    traceReport?.();
    await consoleApp.close();
    await shared?.redis.close();
    await store.close();
    fs.rmSync(storeDir, { recursive: true, force: true });
  };
  ready({ port: server.address().port, pid: process.pid });
} else if (mode === 'bare') {
  const { startBareServer } = await import('./bare-server.mjs');
  const bare = await startBareServer(options);
  stop = () => bare.close();
  ready({ port: bare.port, pid: process.pid });
} else {
  console.error(`usage: child.mjs sim|bff|bare '<json options>'`);
  process.exit(2);
}

function ready(info) {
  process.stdout.write(`READY ${JSON.stringify(info)}\n`);
}

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(0), 3000);
  force.unref();
  await stop().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
process.stdin.on('end', () => void shutdown());
process.stdin.on('error', () => void shutdown());
process.stdin.resume();
