// One "console instance" of the concurrency test: opens the store, says ready, waits for "go" on
// stdin, appends its events as fast as it can, and reports the ids it got.
import { createInterface } from 'node:readline';
import { openStore, type OpenStoreOptions } from '../index.js';

const { options, instance, count, parallel } = JSON.parse(process.argv[2]!) as {
  options: OpenStoreOptions;
  instance: string;
  count: number;
  parallel: number;
};
const store = await openStore(options);
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line === 'go') break;
lines.close();
let next = 0;
const worker = async () => {
  while (next < count) {
    const n = next++;
    await store.audit.append({
      clusterId: 'hz',
      actor: 'root@sys',
      action: 'backup_start',
      outcome: 'success',
      tenants: ['mysql_tenant'],
      details: { instance, n },
    });
  }
};
await Promise.all(Array.from({ length: parallel }, worker));
await store.close();
process.stdout.write('done\n');
