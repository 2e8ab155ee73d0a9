import type { Database, SqlValue } from 'sql.js';
import {
  dateFormat,
  formatUsec,
  formatUsecWithZone,
  oracleToChar,
  parseDateTime,
  parseZonedDateTime,
} from './time.js';

/** What the registered SQL functions read: the session executing the current statement. */
export interface ExecContext {
  offsetMinutes: number;
  tenantId: number;
  database: string | null;
  connectionId: number;
  user: string;
  lastInsertId: number;
  serverVersion: string;
  obVersion: string;
}

const UNIT_US: Record<string, number> = {
  MICROSECOND: 1,
  SECOND: 1_000_000,
  MINUTE: 60_000_000,
  HOUR: 3_600_000_000,
  DAY: 86_400_000_000,
  WEEK: 7 * 86_400_000_000,
};

function toNum(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const n = Number(v);
  return Number.isNaN(n) ? null : n;
}

/** SQL values reaching a registered function are strings, numbers, bigints, blobs or null. */
function txt(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  return '';
}

function bytesDisplay(v: unknown): string {
  const n = toNum(v) ?? 0;
  // The smallest unit of the *_DISPLAY columns is MB (0.00MB for a few bytes).
  const units = ['MB', 'GB', 'TB', 'PB'];
  let value = n / 1024 / 1024;
  let u = 0;
  while (value >= 1024 && u < units.length - 1) {
    value /= 1024;
    u++;
  }
  return `${value.toFixed(2)}${units[u] ?? 'MB'}`;
}

/** The MySQL and Oracle functions a client's SELECT may call, on the SQLite side. */
export function registerSqlFunctions(
  db: Database,
  nowUs: () => number,
  context: () => ExecContext,
): void {
  const ctx = context;
  const now = (digits: number): string => formatUsec(nowUs(), ctx().offsetMinutes, digits);
  const fn = (names: string[], f: (...args: never[]) => SqlValue): void => {
    for (const n of names) db.create_function(n, f as (...args: unknown[]) => SqlValue);
  };
  fn(['now', 'sysdate', 'current_timestamp', 'localtime', 'localtimestamp'], () => now(0));
  // Oracle mode: SYSTIMESTAMP is a TIMESTAMP WITH TIME ZONE (microseconds, the session's zone).
  fn(['systimestamp'], () => formatUsecWithZone(nowUs(), ctx().offsetMinutes));
  fn(['sys_extract_utc'], (t: unknown) => {
    if (t === null) return null;
    const us = parseZonedDateTime(txt(t), ctx().offsetMinutes);
    return us === null ? null : formatUsec(us, 0, 6);
  });
  fn(['to_char'], (v: unknown) => (v === null ? null : txt(v)));
  fn(['to_char'], (v: unknown, f: unknown) => {
    if (v === null) return null;
    if (typeof v === 'number' || f === null) return txt(v);
    const us = parseZonedDateTime(txt(v), 0);
    return us === null ? txt(v) : oracleToChar(us, 0, txt(f));
  });
  fn(['now', 'sysdate', 'current_timestamp', 'localtime', 'localtimestamp'], (p: unknown) =>
    now(toNum(p) ?? 0),
  );
  fn(['utc_timestamp'], () => formatUsec(nowUs(), 0, 0));
  fn(['utc_timestamp'], (p: unknown) => formatUsec(nowUs(), 0, toNum(p) ?? 0));
  fn(['curdate', 'current_date'], () => now(0).slice(0, 10));
  fn(['usec_to_time'], (us: unknown) => {
    const n = toNum(us);
    return n === null ? null : formatUsec(n, ctx().offsetMinutes, 6);
  });
  fn(['time_to_usec'], (t: unknown) =>
    t === null ? null : parseDateTime(txt(t), ctx().offsetMinutes),
  );
  fn(['unix_timestamp'], () => Math.floor(nowUs() / 1e6));
  fn(['unix_timestamp'], (t: unknown) => {
    if (t === null) return null;
    const us = parseDateTime(txt(t), ctx().offsetMinutes);
    return us === null ? null : us / 1e6;
  });
  fn(['from_unixtime'], (s: unknown) => {
    const n = toNum(s);
    return n === null ? null : formatUsec(n * 1e6, ctx().offsetMinutes, 0);
  });
  fn(['date_format'], (t: unknown, f: unknown) => {
    if (t === null || f === null) return null;
    const us = parseDateTime(txt(t), 0);
    return us === null ? null : dateFormat(us, 0, txt(f));
  });
  fn(
    ['ob_interval'],
    (n: unknown, unit: unknown) => `@INTERVAL ${txt(n)} ${txt(unit).toUpperCase()}`,
  );
  const shift = (t: unknown, iv: unknown, sign: number): SqlValue => {
    if (t === null || iv === null) return null;
    const base = parseDateTime(txt(t), 0);
    const m = /^@INTERVAL (-?[\d.]+) (\w+)$/.exec(txt(iv));
    if (base === null) return null;
    const amount = m ? Number(m[1]) * sign : (toNum(iv) ?? 0) * sign;
    const unit = m?.[2] ?? 'DAY';
    let us = base;
    if (unit === 'MONTH' || unit === 'YEAR' || unit === 'QUARTER') {
      const months = unit === 'YEAR' ? amount * 12 : unit === 'QUARTER' ? amount * 3 : amount;
      const d = new Date(Math.floor(base / 1000));
      d.setUTCMonth(d.getUTCMonth() + months);
      us = d.getTime() * 1000 + (base % 1000);
    } else us = base + amount * (UNIT_US[unit] ?? UNIT_US.DAY ?? 0);
    const text = txt(t);
    return formatUsec(us, 0, text.includes('.') ? 6 : 0);
  };
  fn(['date_add', 'adddate'], (t: unknown, iv: unknown) => shift(t, iv, 1));
  fn(['date_sub', 'subdate'], (t: unknown, iv: unknown) => shift(t, iv, -1));
  fn(['timestampdiff'], (unit: unknown, a: unknown, b: unknown) => {
    const x = parseDateTime(txt(a), 0);
    const y = parseDateTime(txt(b), 0);
    if (x === null || y === null) return null;
    const u = txt(unit).toUpperCase();
    if (u === 'MONTH' || u === 'YEAR') {
      const dx = new Date(x / 1000);
      const dy = new Date(y / 1000);
      const months =
        (dy.getUTCFullYear() - dx.getUTCFullYear()) * 12 + dy.getUTCMonth() - dx.getUTCMonth();
      return u === 'YEAR' ? Math.trunc(months / 12) : months;
    }
    return Math.trunc((y - x) / (UNIT_US[u] ?? 1));
  });
  fn(['effective_tenant_id'], () => ctx().tenantId);
  fn(['version'], () => ctx().serverVersion);
  fn(['ob_version'], () => ctx().obVersion);
  fn(['database', 'schema'], () => ctx().database);
  fn(['connection_id'], () => ctx().connectionId);
  fn(['last_insert_id'], () => ctx().lastInsertId);
  fn(['user', 'current_user', 'session_user', 'system_user'], () => `${ctx().user}@%`);
  fn(['ob_scn_now'], () => (BigInt(Math.floor(nowUs())) * 1000n).toString());
  fn(['ob_bytes_display'], (n: unknown) => bytesDisplay(n));
  fn(['left'], (s: unknown, n: unknown) => (s === null ? null : txt(s).slice(0, toNum(n) ?? 0)));
  fn(['right'], (s: unknown, n: unknown) => {
    if (s === null) return null;
    const k = toNum(n) ?? 0;
    return k <= 0 ? '' : txt(s).slice(-k);
  });
  fn(['nvl'], (a: unknown, b: unknown) => (a === null ? (b as SqlValue) : (a as SqlValue)));
  fn(['truncate'], (x: unknown, d: unknown) => {
    const n = toNum(x);
    if (n === null) return null;
    const f = 10 ** (toNum(d) ?? 0);
    return Math.trunc(n * f) / f;
  });
  fn(['regexp'], (p: unknown, s: unknown) =>
    p === null || s === null ? null : new RegExp(txt(p), 'i').test(txt(s)) ? 1 : 0,
  );
}
