import type { Database } from 'sql.js';

/**
 * The parameters a backup client reads or sets, as src/share/parameter/ob_parameter_seed.ipp
 * defines them (scope, type, default, range text, section), and where their values live: the
 * SQLite table `__sim_parameter` (tenant_id 0 = the cluster), so that they are per simulator,
 * persisted with the data file and readable by SQL (GV$OB_PARAMETERS).
 */

/** A value as the statement gave it: a quoted string or a bare number. */
export type ParamInput = { kind: 'string'; value: string } | { kind: 'number'; value: string };

export interface ParameterMeta {
  name: string;
  scope: 'TENANT' | 'CLUSTER';
  dataType: 'INT' | 'TIME' | 'CAPACITY';
  def: string;
  info: string;
  section: 'OBSERVER' | 'LOGSERVICE' | 'TENANT';
  /** The value to store, or null when it is out of range (OB_INVALID_CONFIG). */
  parse: (v: ParamInput) => string | null;
}

/** '120s', '5m', '100ms' → microseconds (a DEF_TIME value), or null. */
function timeUs(text: string): number | null {
  const m = /^(\d+)\s*(us|ms|s|m|h|d)?$/i.exec(text.trim());
  if (!m) return null;
  const unit = { us: 1, ms: 1e3, s: 1e6, m: 6e7, h: 3.6e9, d: 8.64e10 }[
    (m[2] ?? 's').toLowerCase() as 'us'
  ];
  return Number(m[1]) * unit;
}

/** '4G', '512M', '1024MB' → bytes; a bare number is taken as MB (a choice, see README). */
function capacityBytes(text: string): number | null {
  const m = /^(\d+)\s*([bkmgt])?b?$/i.exec(text);
  if (!m) return null;
  const unit = { b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[
    (m[2] ?? 'm').toLowerCase() as 'b'
  ];
  return Number(m[1]) * unit;
}

const intIn =
  (lo: number, hi: number) =>
  (v: ParamInput): string | null => {
    const n = Number(v.value);
    return Number.isInteger(n) && n >= lo && n <= hi ? String(n) : null;
  };

export const PARAMETERS: readonly ParameterMeta[] = [
  {
    name: 'ha_low_thread_score',
    scope: 'TENANT',
    dataType: 'INT',
    def: '0',
    info: 'the current work thread score of high availability low thread. Range: [0,100] in integer. Especially, 0 means default value',
    section: 'OBSERVER',
    parse: intIn(0, 100),
  },
  {
    name: 'ha_high_thread_score',
    scope: 'TENANT',
    dataType: 'INT',
    def: '0',
    info: 'the current work thread score of high availability high thread. Range: [0,100] in integer. Especially, 0 means default value',
    section: 'OBSERVER',
    parse: intIn(0, 100),
  },
  {
    name: 'log_archive_concurrency',
    scope: 'TENANT',
    dataType: 'INT',
    def: '0',
    info: 'log archive concurrency, for both archive fetcher and sender. If the value is default 0, the database will automatically calculate the number of archive worker threads based on the tenant specification, which is tenant max_cpu divided by 4; otherwise set the the worker count equals to the value.Range: [0, 100] in integer',
    section: 'LOGSERVICE',
    parse: intIn(0, 100),
  },
  {
    name: 'archive_lag_target',
    scope: 'TENANT',
    dataType: 'TIME',
    def: '120s',
    info: 'The lag target of the log archive. The log archive target affects not only the backup availability, but also the lag of the standby database based on archive. Values larger than 7200s are not reasonable lag. The typical value is 120s. Extremely low values can result in high IOPS, which is not optimal for object storage; such values can also affect the performance of the database. The value 0ms means to archive as soon as possible. Range: [0ms,7200s]',
    section: 'LOGSERVICE',
    parse: (v) => {
      if (v.kind !== 'string') return null;
      const us = timeUs(v.value);
      return us !== null && us <= 7200e6 ? v.value.trim() : null;
    },
  },
  {
    name: 'backup_data_file_size',
    scope: 'CLUSTER',
    dataType: 'CAPACITY',
    def: '4G',
    info: 'backup data file size. Range: [512M, 4G] in integer',
    section: 'OBSERVER',
    parse: (v) => {
      const text = v.value.trim();
      const bytes = capacityBytes(text);
      return bytes !== null && bytes >= 512 * 2 ** 20 && bytes <= 4 * 2 ** 30 ? text : null;
    },
  },
];

const BY_NAME = new Map(PARAMETERS.map((p) => [p.name, p]));
export const parameterMeta = (name: string): ParameterMeta | undefined => BY_NAME.get(name);

/** Created on every start (older data files get them too); the metadata is rewritten each time. */
export function installParameterTables(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS __sim_parameter (
    tenant_id INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (tenant_id, name));
  DROP TABLE IF EXISTS __sim_parameter_meta;
  CREATE TABLE __sim_parameter_meta (name TEXT PRIMARY KEY, scope TEXT NOT NULL, data_type TEXT NOT NULL,
    def TEXT NOT NULL, info TEXT NOT NULL, section TEXT NOT NULL);`);
  const stmt = db.prepare('INSERT INTO __sim_parameter_meta VALUES (?, ?, ?, ?, ?, ?)');
  try {
    for (const p of PARAMETERS) stmt.run([p.name, p.scope, p.dataType, p.def, p.info, p.section]);
  } finally {
    stmt.free();
  }
}

/** tenant_id of a parameter's row: its tenant, or 0 for a cluster parameter. */
export const parameterOwner = (meta: ParameterMeta, tenantId: number): number =>
  meta.scope === 'CLUSTER' ? 0 : tenantId;
