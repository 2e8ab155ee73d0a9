// Starts the simulator and the BFF as child processes (bench/lib/child.mjs) and talks to the
// simulator's HTTP control channel. Every child is stopped on close() and when this process exits.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const live = new Set();

function killAll() {
  for (const c of live) {
    try {
      c.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}

/** Spawns child.mjs in `mode`; resolves {info, child, stop()} once it printed READY. */
export function spawnChild(mode, options = {}, { nodeArgs = [], label = mode } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...nodeArgs, path.join(here, 'child.mjs'), mode, JSON.stringify(options)],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env },
      },
    );
    live.add(child);
    let out = '';
    let done = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      for (const line of d.split('\n'))
        if (line.trim()) process.stderr.write(`[${label}] ${line.slice(0, 500)}\n`);
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      if (done) return;
      out += d;
      const m = /^READY (.*)$/m.exec(out);
      if (m) {
        done = true;
        const info = JSON.parse(m[1]);
        resolve({ info, child, pid: child.pid, stop: () => stopChild(child) });
      }
    });
    child.on('exit', (code, signal) => {
      live.delete(child);
      if (!done)
        reject(new Error(`${label} exited before READY (code ${code}, signal ${signal}): ${out}`));
    });
  });
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(t);
  live.delete(child);
}

export async function startSim(options = {}) {
  const { info, pid, stop } = await spawnChild('sim', options, { label: 'sim' });
  const controlUrl = `http://127.0.0.1:${info.controlPort}`;
  return { sqlPort: info.sqlPort, controlUrl, pid, stop, control: controlClient(controlUrl) };
}

export async function startBff(sqlPort, options = {}, nodeArgs = bffNodeArgs()) {
  const { info, pid, stop } = await spawnChild(
    'bff',
    { sqlPort, ...options },
    { label: 'bff', nodeArgs },
  );
  return { baseUrl: `http://127.0.0.1:${info.port}`, pid, stop };
}

/** bare-server.mjs in a process of its own: the statements of `captured` behind plain node:http. */
export async function startBare(sqlPort, user, password, captured) {
  const { info, pid, stop } = await spawnChild(
    'bare',
    { sqlPort, user, password, captured },
    { label: 'bare' },
  );
  return { baseUrl: `http://127.0.0.1:${info.port}`, pid, stop };
}

/**
 * Extra node flags for the BFF child, e.g. BENCH_BFF_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
 * to profile the BFF a bench drives (the profile is written when the BFF exits on SIGTERM).
 */
function bffNodeArgs() {
  return (process.env.BENCH_BFF_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

/** Simulator and BFF, each in its own process. */
export async function startStack({ sim: simOptions = {}, bff: bffOptions = {} } = {}) {
  const sim = await startSim(simOptions);
  let bff;
  try {
    bff = await startBff(sim.sqlPort, bffOptions);
  } catch (e) {
    await sim.stop();
    throw e;
  }
  return {
    sim,
    bff,
    baseUrl: bff.baseUrl,
    close: async () => {
      await bff.stop();
      await sim.stop();
    },
  };
}

export function controlClient(base) {
  const call = async (method, p, body) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`sim control ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    stats: () => call('GET', '/stats'),
    statements: (limit = 100) =>
      call('GET', `/statements?limit=${limit}`).then((r) => r.statements),
    clock: () => call('GET', '/clock'),
    advance: (seconds) => call('POST', '/clock/advance', { seconds }),
    setSpeed: (speed) => call('POST', '/clock/speed', { speed }),
    setManual: (manual) => call('POST', '/clock/manual', { manual }),
    seedHistory: (count, seed) => call('POST', '/history/seed', { count, seed }),
    stall: (on, seconds) => call('POST', '/faults/stall', { on, ...(seconds ? { seconds } : {}) }),
  };
}

/** Advances a manual clock in steps, as the job engine expects. */
export async function advance(control, seconds, step = 5) {
  for (let done = 0; done < seconds; done += step)
    await control.advance(Math.min(step, seconds - done));
}

/** Resident set size of a process, in bytes (Linux /proc). */
export function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Polls until fn() is truthy (or throws after timeoutMs). */
export async function waitFor(fn, timeoutMs = 20_000, everyMs = 100) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(everyMs);
  }
}
