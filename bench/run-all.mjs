// Runs every benchmark in its own Node process, one after the other, relays their output and
// ends with all SUMMARY lines. Build first (`npm run bench` does: turbo run build).
//
//   node bench/run-all.mjs              BENCH_SECONDS (concurrent.mjs) defaults to 60 here
//   BENCH_ONLY=history,watchers node bench/run-all.mjs
//   BENCH_STRICT=1 …                    exit 1 when a target is missed (always 1 on a crash)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCHES = [
  { name: 'bff-overhead' },
  { name: 'watchers' },
  { name: 'history' },
  { name: 'landing' },
  { name: 'fleet' },
  { name: 'concurrent', env: { BENCH_SECONDS: process.env.BENCH_SECONDS ?? '60' } },
  // Every session its own history page size: no two whole answers alike, only their parts.
  {
    name: 'concurrent-own-pages',
    file: 'concurrent',
    env: { BENCH_SECONDS: process.env.BENCH_SECONDS ?? '60', BENCH_OWN_PAGES: '1' },
  },
  { name: 'frontend' },
  { name: 'session-memory', nodeArgs: ['--expose-gc'] },
  { name: 'under-attack' },
  { name: 'audit', nodeArgs: ['--expose-gc'] },
  { name: 'alert-latency' },
  { name: 'scale-out' },
];
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const selected = only ? BENCHES.filter((b) => only.includes(b.name)) : BENCHES;

function run(bench) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [...(bench.nodeArgs ?? []), path.join(here, `${bench.file ?? bench.name}.mjs`)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...bench.env },
      },
    );
    const summaries = [];
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const l of lines) if (l.startsWith('SUMMARY ')) summaries.push(l);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('exit', (code, signal) => {
      if (pending.startsWith('SUMMARY ')) summaries.push(pending);
      resolve({ code, signal, summaries, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const t0 = Date.now();
const results = [];
for (const bench of selected) {
  console.log(`\n===== ${bench.name} ${'='.repeat(Math.max(0, 60 - bench.name.length))}`);
  const r = await run(bench);
  console.log(`===== ${bench.name}: exit ${r.code ?? r.signal} after ${r.seconds.toFixed(0)} s`);
  const lines = r.summaries.length
    ? r.summaries
    : [`SUMMARY ${bench.name}: no summary (exit ${r.code ?? r.signal}) CRASH`];
  if (r.code !== 0 && r.summaries.length)
    lines.push(`SUMMARY ${bench.name}: exited with ${r.code ?? r.signal} CRASH`);
  results.push({ bench: bench.name, lines, seconds: r.seconds, crashed: r.code !== 0 });
}

const total = (Date.now() - t0) / 1000;
console.log(
  `\n===== summary (${new Date().toISOString().slice(0, 10)}, node ${process.version}, total ${Math.floor(total / 60)} min ${Math.round(total % 60)} s)`,
);
for (const r of results) for (const l of r.lines) console.log(l);
const crashed = results.filter((r) => r.crashed).length;
const missed = results.filter((r) => !r.crashed && r.lines.some((l) => / FAIL$/.test(l))).length;
console.log(
  `${results.length - missed - crashed} of ${results.length} benchmarks met their targets${missed ? `, ${missed} missed` : ''}${crashed ? `, ${crashed} crashed` : ''}`,
);
process.exitCode = crashed || (process.env.BENCH_STRICT === '1' && missed) ? 1 : 0;
