import type { Store } from '../catalog/store.js';
import { OB_VERSION, TENANT_COMPATIBLE } from '../config.js';
import type { TenantState } from './model.js';
import { MACRO_BLOCK_BYTES, S, comment, plainComment, scnOf } from './model.js';
import { backupPasswordHash } from './password.js';
import { rngFor } from './rng.js';

/** Seeded encrypted jobs were taken with the password 'backup_pwd' (PASSWD holds its hash). */
const SEEDED_PASSWD_HASH = backupPasswordHash('backup_pwd');

export interface SeedTarget {
  store: Store;
  nowUs: number;
  tenants: TenantState[];
  nextSysJobId(): number;
}

/** Fills `count` finished jobs (with tasks and set files) spread over past weeks. */
export function seedHistory(
  target: SeedTarget,
  count: number,
  seed: number,
): { jobs: number; ms: number } {
  const { store } = target;
  const started = Date.now();
  const tenants = target.tenants;
  if (tenants.length === 0 || count <= 0) return { jobs: 0, ms: 0 };
  const rng = rngFor(seed, 424242);
  const now = target.nowUs;
  const spanUs = Math.min(Math.max(count * 6 * 3600, 21 * 86400), 3 * 365 * 86400) * S;
  const firstUs = now - spanUs - 3600 * S;
  const step = spanUs / count;
  const jobSql = store.db.prepare(
    `INSERT INTO __all_backup_job_history (tenant_id, job_id, incarnation, backup_set_id, initiator_tenant_id, initiator_job_id,
         executor_tenant_id, plus_archivelog, backup_type, job_level, encryption_mode, passwd, start_ts, end_ts, status, result,
         comment, description, path) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const taskSql = store.db.prepare(
    `INSERT INTO __all_backup_task_history (tenant_id, task_id, job_id, incarnation, backup_set_id, start_ts, end_ts, status, start_scn,
         end_scn, user_ls_start_scn, encryption_mode, passwd, input_bytes, output_bytes, extra_bytes, tablet_count, finish_tablet_count,
         macro_block_count, finish_macro_block_count, file_count, meta_turn_id, data_turn_id, result, comment, path, minor_turn_id,
         major_turn_id, log_file_count, finish_log_file_count)
       VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, 1, 1, ?, ?)`,
  );
  const setSql = store.db.prepare(
    `INSERT INTO __all_backup_set_files (tenant_id, backup_set_id, dest_id, incarnation, backup_type, prev_full_backup_set_id,
         prev_inc_backup_set_id, start_ts, end_ts, status, file_status, plus_archivelog, start_replay_scn, min_restore_scn, input_bytes,
         output_bytes, extra_bytes, tablet_count, finish_tablet_count, macro_block_count, finish_macro_block_count, file_count,
         meta_turn_id, data_turn_id, result, comment, encryption_mode, passwd, tenant_compatible, backup_compatible, path,
         cluster_version, consistent_scn, minor_turn_id, major_turn_id, job_id)
       VALUES (?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 3, ?, ?, ?, 1, 1, ?)`,
  );
  const lastFull = new Map<number, number>();
  const lastSet = new Map<number, number>();
  const failures: [number, string][] = [
    [-4012, 'SERVER'],
    [-9029, 'ROOTSERVICE'],
    [-4009, 'SERVER'],
    [-4184, 'SERVER'],
    [-4016, 'SERVER'],
  ];
  const descriptions = ['', '', '', '', 'nightly', 'weekly full', 'before upgrade', 'manual'];
  let inserted = 0;
  const tables = [
    '__all_backup_job_history',
    '__all_backup_task_history',
    '__all_backup_set_files',
  ];
  try {
    store.withoutIndexes(tables, () =>
      store.transaction(() => {
        for (let i = 0; inserted < count; i++) {
          const startUs = Math.floor(firstUs + i * step + rng.between(0, step * 0.3));
          const sysInitiated =
            rng.next() < 0.08 && tenants.length > 1 && count - inserted >= tenants.length;
          const targets = sysInitiated ? tenants : [rng.pick(tenants)];
          const r = rng.next();
          const outcome: 'COMPLETED' | 'FAILED' | 'CANCELED' =
            r < 0.86 ? 'COMPLETED' : r < 0.95 ? 'FAILED' : 'CANCELED';
          const wantFull = rng.next() < 0.2;
          const plus = rng.next() < 0.3 ? 'ON' : 'OFF';
          const encrypted = rng.next() < 0.15;
          const enc = encrypted ? 'PASSWORD' : 'NONE';
          const passwd = encrypted ? SEEDED_PASSWD_HASH : '';
          const description = rng.pick(descriptions);
          const failure = rng.pick(failures);
          const trace = `YB427F000001-${rng.hex(16)}-0-0`;
          const failComment = comment(failure[1] as 'SERVER' | 'ROOTSERVICE', failure[0], trace);
          const cancelComment = '';
          const result = outcome === 'COMPLETED' ? 0 : outcome === 'FAILED' ? failure[0] : -4072;
          const text =
            outcome === 'COMPLETED' ? '' : outcome === 'FAILED' ? failComment : cancelComment;
          let latestEnd = startUs;
          const sysJobId = sysInitiated ? target.nextSysJobId() : 0;
          for (const t of targets) {
            const full = wantFull || !lastFull.has(t.id) ? 'FULL' : 'INC';
            const jobId = t.nextJobId++;
            const setId = t.nextSetId++;
            const taskId = t.nextTaskId++;
            const fullBytes = rng.logBetween(20 * 1024 ** 2, 400 * 1024 ** 3);
            const input = Math.round(
              full === 'FULL' ? fullBytes : fullBytes * rng.between(0.01, 0.1),
            );
            const seconds = 60 + input / rng.between(60, 200) / 1024 ** 2;
            const durUs = Math.round(
              seconds * S * (outcome === 'COMPLETED' ? 1 : rng.between(0.1, 0.9)),
            );
            const endUs = startUs + 4 * S + durUs;
            latestEnd = Math.max(latestEnd, endUs);
            const frac = outcome === 'COMPLETED' ? 1 : rng.between(0, 0.95);
            const macro = Math.max(1, Math.round(input / MACRO_BLOCK_BYTES));
            const tablets = rng.int(600, 4000);
            const done = Math.floor(input * frac);
            const output = Math.floor(done * rng.between(0.3, 0.5));
            const path = `file:///data/backup/${t.name}/data`;
            const startScn = scnOf(startUs + 4 * S);
            const endScn = outcome === 'COMPLETED' ? scnOf(endUs - 5 * S) : '0';
            const prevFull = full === 'INC' ? (lastFull.get(t.id) ?? 0) : 0;
            const prevInc = full === 'INC' ? (lastSet.get(t.id) ?? 0) : 0;
            jobSql.run([
              t.id,
              jobId,
              setId,
              sysInitiated ? 1 : t.id,
              sysJobId,
              String(t.id),
              plus,
              full,
              'USER_TENANT',
              enc,
              passwd,
              startUs,
              endUs,
              outcome,
              result,
              text,
              description,
              path,
            ]);
            taskSql.run([
              t.id,
              taskId,
              jobId,
              setId,
              startUs + 4 * S,
              endUs,
              outcome,
              startScn,
              endScn,
              startScn,
              enc,
              passwd,
              done,
              output,
              rng.int(2, 40) * 1024 * 1024,
              tablets,
              Math.floor(tablets * frac),
              macro,
              Math.floor(macro * frac),
              2 + Math.ceil((macro * frac) / 16),
              1,
              result,
              plainComment(result),
              path,
              8,
              outcome === 'COMPLETED' ? 8 : 0,
            ]);
            const ok = outcome === 'COMPLETED';
            setSql.run([
              t.id,
              setId,
              full,
              prevFull,
              prevInc,
              startUs + 4 * S,
              endUs,
              ok ? 'SUCCESS' : 'FAILED',
              ok ? 'AVAILABLE' : 'INCOMPLETE',
              plus,
              startScn,
              endScn,
              done,
              output,
              rng.int(2, 40) * 1024 * 1024,
              tablets,
              Math.floor(tablets * frac),
              macro,
              Math.floor(macro * frac),
              2 + Math.ceil((macro * frac) / 16),
              1,
              result,
              plainComment(result),
              enc,
              passwd,
              TENANT_COMPATIBLE,
              path,
              OB_VERSION,
              endScn,
              jobId,
            ]);
            if (ok) {
              if (full === 'FULL') lastFull.set(t.id, setId);
              lastSet.set(t.id, setId);
            }
            inserted++;
          }
          if (sysInitiated) {
            jobSql.run([
              1,
              sysJobId,
              0,
              1,
              sysJobId,
              targets.map((t) => t.id).join(','),
              plus,
              wantFull ? 'FULL' : 'INC',
              'CLUSTER',
              enc,
              passwd,
              startUs,
              latestEnd,
              outcome,
              result,
              text,
              description,
              '',
            ]);
          }
        }
      }),
    );
  } finally {
    jobSql.free();
    taskSql.free();
    setSql.free();
  }
  return { jobs: inserted, ms: Date.now() - started };
}
