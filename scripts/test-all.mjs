#!/usr/bin/env node
// Every test, as `npm test` runs them: formatting, then the build, then two lanes side by side,
// the packages' lint, type checks and unit tests in one, the browser journeys in the other.
//
// Side by side because they use the machine differently: the unit lane keeps both cores busy
// for a few minutes, while the journeys mostly wait on the simulated clock and on the browser
// (about half a core on average), so one after the other left a core idle for most of the run.
// TEST_SERIAL=1 runs the lanes one after the other (to time one alone, or on a weaker machine).
//
// Each lane's lines are prefixed with its name; both lanes always run to their end, so that one
// failure does not hide another, and the exit code is non-zero when anything failed.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const UNIT = [
  'turbo run lint typecheck test --concurrency=2',
  'tsc -p e2e/tsconfig.json',
  'eslint e2e bench scripts playwright.config.ts',
].join(' && ');
const E2E = 'playwright test';

/** Runs a shell command, its output line by line with a prefix; resolves to its exit code. */
function run(command, prefix = '') {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ])
      createInterface({ input: stream }).on('line', (line) => out.write(`${prefix}${line}\n`));
    child.on('close', (code, signal) => {
      const took = ((Date.now() - started) / 1000).toFixed(0);
      const how = code === 0 ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`;
      process.stdout.write(`${prefix}${how} in ${took} s: ${command}\n`);
      resolve(code ?? 1);
    });
  });
}

const t0 = Date.now();
let failed = (await run('prettier --check .')) !== 0;
// The lanes need the built packages (the journeys run the built BFF and SPA): built once here.
if (!failed) failed = (await run('turbo run build')) !== 0;
if (!failed) {
  const codes =
    process.env.TEST_SERIAL === '1'
      ? [await run(UNIT, '[unit] '), await run(E2E, '[e2e] ')]
      : await Promise.all([run(UNIT, '[unit] '), run(E2E, '[e2e] ')]);
  failed = codes.some((c) => c !== 0);
}
const took = ((Date.now() - t0) / 60_000).toFixed(1);
process.stdout.write(
  failed ? `\nSome tests FAILED (${took} min).\n` : `\nEvery test passed (${took} min).\n`,
);
process.exit(failed ? 1 : 0);
