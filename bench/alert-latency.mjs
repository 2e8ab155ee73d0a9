// The time from a backup job failing to the webhook request arriving at a receiver, with the
// console's default watch intervals (1 s while a job runs, 5 s idle) and nobody signed in to
// watch: 20 failures, each followed by a successful backup that resolves the incident (one
// incident per problem, so a second failure in a row would rightly send nothing).
// OCP checks its backup alerts on a 60 s cycle; the target here is 15 s.
//
//   node bench/alert-latency.mjs          (BENCH_FAILURES=20)
import http from 'node:http';
import { Client } from './lib/http.mjs';
import { advance, startStack, waitFor } from './lib/stack.mjs';
import { median, now, sleep, summary } from './lib/stats.mjs';

const FAILURES = Number(process.env.BENCH_FAILURES ?? 20);
const TARGET_MS = 15_000;
const OCP_CYCLE_MS = 60_000;
const K = '/api/clusters/bench';

// The receiver: every request's arrival time and event.
const arrivals = [];
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const at = now();
    let event = null;
    try {
      event = JSON.parse(body);
    } catch {
      /* not JSON: counted, not matched */
    }
    arrivals.push({ at, event });
    res.writeHead(200).end('ok');
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${receiver.address().port}/hook`;

const stack = await startStack({
  sim: {
    manualClock: true,
    extraAccounts: [
      { user: 'obconsole_svc', tenant: 'sys', password: 'svc-bench-0123', role: 'admin' },
    ],
  },
  bff: {
    watchClusters: true,
    serviceAccount: { user: 'obconsole_svc', password: 'svc-bench-0123' },
    alerts: { start: true, allowedHosts: ['127.0.0.1'] },
  },
});
const { control } = stack.sim;
const fail = (tenant) =>
  fetch(`${stack.sim.controlUrl}/faults/fail-next-task`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant, result: -4016, comment: 'bench: injected failure' }),
  }).then((r) => r.json());

const latencies = [];
let code = 0;
try {
  // Configuration goes through the API once; then the operator signs out: nobody watches.
  const admin = new Client(stack.baseUrl);
  await admin.login('root', 'sys');
  const channel = await admin.json('POST', `${K}/alerts/channels`, {
    body: { kind: 'webhook', name: 'bench', url: hookUrl, secret: 'bench-secret-0123' },
  });
  await admin.json('POST', `${K}/alerts/rules`, {
    body: { kind: 'backup_failed', name: 'failed', channels: [channel.id] },
  });
  const runBackup = async () => {
    await admin.startBackup(['mysql_tenant']);
    await advance(control, 10); // into DOING
  };

  for (let i = 0; i < FAILURES; i++) {
    await runBackup();
    // The failure lands anywhere in the watcher's cycle, not just after a poll.
    await sleep(Math.random() * 3000);
    const seen = arrivals.length;
    const t0 = now();
    await fail('mysql_tenant');
    const hit = await waitFor(
      () =>
        arrivals
          .slice(seen)
          .find((a) => a.event?.event === 'opened' && a.event?.rule?.kind === 'backup_failed'),
      60_000,
      5,
    );
    latencies.push(hit.at - t0);
    console.log(`failure ${i + 1}: webhook after ${(hit.at - t0).toFixed(0)} ms`);
    // A success resolves the incident, so that the next failure is a new one.
    const before = arrivals.length;
    await runBackup();
    await waitFor(async () => {
      await advance(control, 30);
      return arrivals.slice(before).some((a) => a.event?.event === 'resolved');
    }, 60_000);
  }
  await admin.logout();
} catch (e) {
  console.error(e);
  code = 1;
} finally {
  await stack.close();
  receiver.close();
}

if (latencies.length) {
  const med = median(latencies);
  const worst = Math.max(...latencies);
  summary(
    'alert-latency',
    `job failing → webhook: median ${(med / 1000).toFixed(2)} s, worst ${(worst / 1000).toFixed(2)} s over ${latencies.length} failures (target ≤ ${TARGET_MS / 1000} s; OCP's check cycle ${OCP_CYCLE_MS / 1000} s)`,
    latencies.length === FAILURES && worst <= TARGET_MS,
  );
}
process.exit(code);
