import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, makeBackend, type TestBackend } from '../test-helpers/backends.js';

const SCRIPT = fileURLToPath(new URL('../test-helpers/burst.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx');

/** Resolves with the lines a child printed once `until` is among them; rejects if it dies first. */
function waitFor(child: ChildProcess, until: string, output: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (output.includes(until)) resolve();
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      if (output.includes(until)) resolve();
      else reject(new Error(`instance exited with ${code} before "${until}": ${output.join(' ')}`));
    });
    check();
  });
}

function instance(b: TestBackend, name: string, count: number, parallel: number) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      TSX,
      SCRIPT,
      JSON.stringify({ options: b.options, instance: name, count, parallel }),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  let stderr = '';
  child.stdout
    .setEncoding('utf8')
    .on('data', (d: string) => output.push(...d.split('\n').filter(Boolean)));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return {
    child,
    ready: waitFor(child, 'ready', output).catch((e: Error) =>
      Promise.reject(new Error(`${e.message}\n${stderr}`)),
    ),
    done: () =>
      waitFor(child, 'done', output).catch((e: Error) =>
        Promise.reject(new Error(`${e.message}\n${stderr}`)),
      ),
  };
}

describe.each(BACKENDS)('two console instances sharing one store on %s', (kind) => {
  let b: TestBackend;
  afterEach(async () => {
    await b.cleanup();
  });

  it('append at the same time and leave one unbroken chain', async () => {
    b = await makeBackend(kind);
    // Created (and migrated) first, as the first instance of a deployment does.
    const store = await b.open();
    const count = 150;
    // Several appends in flight per instance: they share commits (group commit) and still queue
    // on the other instance's lock.
    const parallel = 4;
    const instances = [instance(b, 'a', count, parallel), instance(b, 'b', count, parallel)];
    await Promise.all(instances.map((i) => i.ready));
    for (const i of instances) i.child.stdin.write('go\n');
    await Promise.all(instances.map((i) => i.done()));

    const report = await store.audit.verify('hz');
    expect(report).toMatchObject({ ok: true, checked: 2 * count, headSeq: 2 * count });
    const rows = await b.raw(`SELECT seq, details FROM audit_event ORDER BY seq`);
    expect(rows.map((r) => Number(r.seq))).toEqual(
      Array.from({ length: 2 * count }, (_, i) => i + 1),
    );
    const byInstance = new Map<string, number>();
    for (const r of rows) {
      const d = JSON.parse(String(r.details)) as { instance: string };
      byInstance.set(d.instance, (byInstance.get(d.instance) ?? 0) + 1);
    }
    expect(Object.fromEntries(byInstance)).toEqual({ a: count, b: count });
  }, 120_000);
});
