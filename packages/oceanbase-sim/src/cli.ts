#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEFAULT_ACCOUNTS } from './config.js';
import { startSimulator } from './simulator.js';

const HELP = `oceanbase-sim: a simulated OceanBase 4.3 cluster for backup consoles

Usage: oceanbase-sim [options]

  --port N            SQL port (default 2881)
  --control-port N    control channel port on 127.0.0.1 (default 2886)
  --no-control        no control channel (also SIM_CONTROL=off in the environment)
  --host ADDR         SQL listen address (default 127.0.0.1)
  --speed X           simulated seconds per real second (default 1)
  --seed N            seed for sizes and durations (default 1)
  --seed-history N    fill N finished backup jobs into the history
  --data-file PATH    keep the database in PATH across restarts
  --manual-clock      time moves only through POST /clock/advance
  --help              this text
`;

function fail(message: string): never {
  process.stderr.write(`oceanbase-sim: ${message}\n\n${HELP}`);
  process.exit(2);
}

function int(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    fail(`--${name} must be an integer in ${min}..${max}`);
  return n;
}

/** SIM_CONTROL=off (or 0, false, no) switches the control channel off. */
function controlDisabled(value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  const v = value.toLowerCase();
  if (['off', '0', 'false', 'no'].includes(v)) return true;
  if (['on', '1', 'true', 'yes'].includes(v)) return false;
  fail(`SIM_CONTROL must be on or off, not "${value}"`);
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'control-port': { type: 'string' },
        'no-control': { type: 'boolean' },
        host: { type: 'string' },
        speed: { type: 'string' },
        seed: { type: 'string' },
        'seed-history': { type: 'string' },
        'data-file': { type: 'string' },
        'manual-clock': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const str = (k: string): string | undefined =>
    typeof values[k] === 'string' ? values[k] : undefined;
  const speedText = str('speed');
  const speed = speedText === undefined ? undefined : Number(speedText);
  if (speed !== undefined && (!Number.isFinite(speed) || speed <= 0))
    fail('--speed must be a number > 0');
  const port = int('port', str('port'), 0, 65535) ?? 2881;
  const controlOff = values['no-control'] === true || controlDisabled(process.env.SIM_CONTROL);
  const controlPort = controlOff
    ? null
    : (int('control-port', str('control-port'), 0, 65535) ?? 2886);
  if (port !== 0 && port === controlPort) fail('--port and --control-port must differ');
  const host = str('host') ?? '127.0.0.1';
  const seedHistory = int('seed-history', str('seed-history'), 0, 2_000_000);
  const seed = int('seed', str('seed'), 0, 2 ** 31);
  const dataFile = str('data-file');
  const sim = await startSimulator({
    host,
    port,
    controlPort,
    ...(speed !== undefined ? { speed } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(seedHistory !== undefined ? { seedHistory } : {}),
    ...(dataFile !== undefined ? { dataFile } : {}),
    ...(values['manual-clock'] ? { manualClock: true } : {}),
  });
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const lines = [
    `oceanbase-sim listening: SQL ${host}:${sim.sqlPort}, control http://127.0.0.1:${sim.controlPort ?? '-'}`,
    `connect: mysql -h${shownHost} -P${sim.sqlPort} -uroot@sys -poceanbase`,
    'demo accounts (password oceanbase):',
    ...DEFAULT_ACCOUNTS.map(
      (a) =>
        `  ${a.user}@${a.tenant}${a.role === 'readonly' ? '  (read-only: SELECT on oceanbase.*)' : ''}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sim.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`oceanbase-sim: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
