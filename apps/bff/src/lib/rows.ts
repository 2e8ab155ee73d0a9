import type { TenantMode } from '@obconsole/contracts';
import type { Row } from './db.js';

/** Typed readers for driver rows: numbers and decimals arrive as strings with bigNumberStrings. */
export function num(row: Row, col: string): number {
  const v = row[col];
  if (v === null || v === undefined || v === '') return 0;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : 0;
}

export function numOrNull(row: Row, col: string): number | null {
  const v = row[col];
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return '';
}

export function str(row: Row, col: string): string {
  const v = row[col];
  return v === null || v === undefined ? '' : text(v);
}

/**
 * A destination path as the console shows it: whatever credentials a server or an older version
 * left in it removed (access_id, access_key, secret, token…), the rest (host, region) kept.
 */
export function scrubPath(path: string): string {
  const q = path.indexOf('?');
  const creds =
    /^(access_id|access_key|accessid|accesskey|secret|secret_key|secret_id|token|sts_token|password|passwd|encrypt_key|sign)$/i;
  const base = (q < 0 ? path : path.slice(0, q)).replace(/^([a-z0-9+.-]+:\/\/)[^/@?]*@/i, '$1');
  if (q < 0) return base;
  const kept = path
    .slice(q + 1)
    .split('&')
    .filter((p) => p !== '' && !creds.test(p.split('=')[0] ?? ''));
  return kept.length > 0 ? `${base}?${kept.join('&')}` : base;
}

export function pathOf(row: Row, col: string): string {
  return scrubPath(str(row, col));
}

export function strOrNull(row: Row, col: string): string | null {
  const v = row[col];
  return v === null || v === undefined ? null : text(v);
}

/** 'YYYY-MM-DD HH:MM:SS[.ffffff]' read in a UTC session → ISO-8601 with Z (microseconds kept). */
export function obTimeToIso(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d{1,6})?$/.exec(value.trim());
  if (!m) return value;
  return `${m[1]}T${m[2]}${m[3] ?? ''}Z`;
}

export function isoOrNull(row: Row, col: string): string | null {
  const v = strOrNull(row, col);
  return v === null || v === '' ? null : obTimeToIso(v);
}

export function iso(row: Row, col: string): string {
  return isoOrNull(row, col) ?? '';
}

/** Milliseconds since the epoch of an OceanBase UTC timestamp string. */
export function obTimeToMs(value: string): number {
  return Date.parse(obTimeToIso(value));
}

/** ms since the epoch of ISO input; a date alone is UTC midnight and a time without a zone is UTC. */
export function parseIsoUtc(input: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(input)) return Date.parse(`${input}T00:00:00Z`);
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(input);
  return Date.parse(hasZone ? input.replace(' ', 'T') : `${input.replace(' ', 'T')}Z`);
}

/** ISO input (a filter) → the text form compared against timestamp columns in a UTC session. */
export function isoToObTime(input: string): string {
  const d = new Date(parseIsoUtc(input));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`
  );
}

/**
 * Oracle-mode views give START/END times as VARCHAR2 'YYYY-MM-DD HH24:MI:SS' at a fixed +08:00,
 * whatever the session's time zone; MySQL-mode views give timestamp(6) in the session's zone,
 * which the console sets to UTC. The rows carry one form for both: UTC text with microseconds.
 */
const ORACLE_VIEW_ZONE_MS = 8 * 3_600_000;
const WALL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/** The wall time of a matched text, read as if it were UTC, in ms. */
function wallMs(m: RegExpExecArray): number {
  const n = (i: number) => Number(m[i]);
  return Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6));
}

function utcText(ms: number, micros: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(micros, 6)}`
  );
}

/** A view's time text as the console's UTC text; unreadable text is passed on unchanged. */
export function fromViewTime(value: string, mode: TenantMode): string {
  if (mode !== 'ORACLE') return value;
  const m = WALL.exec(value.trim());
  if (!m) return value;
  const ms = wallMs(m) - ORACLE_VIEW_ZONE_MS;
  return utcText(ms, Number((m[7] ?? '').padEnd(6, '0')));
}

/**
 * The console's UTC text as the view spells it, for a comparison in WHERE. Oracle's text has
 * whole seconds: a bound with a fraction is rounded down, or up for `round: 'up'` (an exclusive
 * upper bound stays exclusive of everything after it).
 */
export function toViewTime(value: string, mode: TenantMode, round: 'down' | 'up' = 'down'): string {
  if (mode !== 'ORACLE') return value;
  const m = WALL.exec(value.trim());
  if (!m) return value;
  const fraction = Number((m[7] ?? '0').padEnd(6, '0'));
  const ms = wallMs(m) + ORACLE_VIEW_ZONE_MS;
  const text = utcText(round === 'up' && fraction > 0 ? ms + 1000 : ms, 0);
  return text.slice(0, 19);
}

/** A START/END time column in the console's UTC text ('' when NULL). */
export function viewTime(row: Row, col: string, mode: TenantMode): string {
  return fromViewTime(str(row, col), mode);
}

export function viewTimeOrNull(row: Row, col: string, mode: TenantMode): string | null {
  const v = strOrNull(row, col);
  return v === null ? null : fromViewTime(v, mode);
}
