/** Time zones are fixed offsets (what OceanBase accepts without the time zone tables). */

const OFFSET_RE = /^([+-])(\d{1,2}):(\d{2})$/;

/** Offset in minutes for '+08:00'-style zones (and 'UTC'/'SYSTEM'), or null when unknown. */
export function parseTimeZone(text: string): number | null {
  const t = text.trim();
  const upper = t.toUpperCase();
  if (upper === 'UTC' || upper === 'GMT' || upper === 'Z') return 0;
  if (upper === 'SYSTEM') return 480;
  const m = OFFSET_RE.exec(t);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 14 || minutes > 59) return null;
  const total = hours * 60 + minutes;
  if (total > 13 * 60 + 59 && !(hours === 14 && minutes === 0)) return null;
  return m[1] === '-' ? -total : total;
}

export function formatTimeZone(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micro: number;
  weekday: number;
  yday: number;
}

function parts(usec: number, offsetMinutes: number): Parts {
  const shiftedUs = usec + offsetMinutes * 60_000_000;
  const ms = Math.floor(shiftedUs / 1000);
  const micro = ((shiftedUs % 1_000_000) + 1_000_000) % 1_000_000;
  const d = new Date(ms);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    micro,
    weekday: d.getUTCDay(),
    yday: Math.floor((ms - start) / 86_400_000) + 1,
  };
}

/** 'YYYY-MM-DD HH:MM:SS.ffffff' (timestamp(6) text form). */
export function formatUsec(usec: number, offsetMinutes: number, fractionDigits = 6): string {
  const p = parts(usec, offsetMinutes);
  const base = `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)} ${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`;
  if (fractionDigits <= 0) return base;
  return `${base}.${pad(p.micro, 6).slice(0, fractionDigits)}`;
}

const DATETIME_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6}))?)?)?$/;

/** Parses a datetime literal in the given zone into microseconds since the epoch. */
export function parseDateTime(text: string, offsetMinutes: number): number | null {
  const m = DATETIME_RE.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  if (Number.isNaN(ms)) return null;
  const micro = m[7] ? Number(m[7].padEnd(6, '0')) : 0;
  return (ms - offsetMinutes * 60_000) * 1000 + micro;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** MySQL DATE_FORMAT for the common specifiers. */
export function dateFormat(usec: number, offsetMinutes: number, format: string): string {
  const p = parts(usec, offsetMinutes);
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%' || i + 1 >= format.length) {
      out += c;
      continue;
    }
    const s = format[++i];
    switch (s) {
      case 'Y':
        out += pad(p.year, 4);
        break;
      case 'y':
        out += pad(p.year % 100, 2);
        break;
      case 'm':
        out += pad(p.month, 2);
        break;
      case 'c':
        out += String(p.month);
        break;
      case 'd':
        out += pad(p.day, 2);
        break;
      case 'e':
        out += String(p.day);
        break;
      case 'H':
        out += pad(p.hour, 2);
        break;
      case 'k':
        out += String(p.hour);
        break;
      case 'h':
      case 'I':
        out += pad(((p.hour + 11) % 12) + 1, 2);
        break;
      case 'l':
        out += String(((p.hour + 11) % 12) + 1);
        break;
      case 'i':
        out += pad(p.minute, 2);
        break;
      case 's':
      case 'S':
        out += pad(p.second, 2);
        break;
      case 'f':
        out += pad(p.micro, 6);
        break;
      case 'p':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'M':
        out += MONTHS[p.month - 1] ?? '';
        break;
      case 'b':
        out += (MONTHS[p.month - 1] ?? '').slice(0, 3);
        break;
      case 'W':
        out += DAYS[p.weekday] ?? '';
        break;
      case 'a':
        out += (DAYS[p.weekday] ?? '').slice(0, 3);
        break;
      case 'w':
        out += String(p.weekday);
        break;
      case 'j':
        out += pad(p.yday, 3);
        break;
      case 'T':
        out += `${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`;
        break;
      case 'r':
        out += `${pad(((p.hour + 11) % 12) + 1, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)} ${p.hour < 12 ? 'AM' : 'PM'}`;
        break;
      case '%':
        out += '%';
        break;
      default:
        out += s ?? '';
    }
  }
  return out;
}

/**
 * Not a real offset: the view flavour of Oracle-mode tenants, whose views give START/END times as
 * VARCHAR2 text `YYYY-MM-DD HH24:MI:SS` (no fraction) at a fixed +08:00, and '' as NULL.
 */
export const ORACLE_VIEW_OFFSET = 100_000;
const ORACLE_VIEW_ZONE_MINUTES = 480;

/**
 * The SQL expression that formats a microsecond column as timestamp(6) text at a fixed offset.
 * Built only from SQLite's deterministic built-ins, so the history tables can carry an
 * expression index on it and `ORDER BY START_TIMESTAMP` through a view uses that index.
 */
export function usecToTextSql(usecExpr: string, offsetMinutes: number): string {
  if (offsetMinutes === ORACLE_VIEW_OFFSET) {
    return `strftime('%Y-%m-%d %H:%M:%S', (${usecExpr}) / 1000000 + ${ORACLE_VIEW_ZONE_MINUTES * 60}, 'unixepoch')`;
  }
  return `(strftime('%Y-%m-%d %H:%M:%S', (${usecExpr}) / 1000000 + ${offsetMinutes * 60}, 'unixepoch') || '.' || substr('00000' || ((${usecExpr}) % 1000000), -6))`;
}

/** An SCN (nanoseconds) as text with 9 fraction digits at an offset (Oracle views: +08:00). */
export function scnToText9Sql(scnExpr: string, offsetMinutes: number): string {
  const off = offsetMinutes === ORACLE_VIEW_OFFSET ? ORACLE_VIEW_ZONE_MINUTES : offsetMinutes;
  return `(strftime('%Y-%m-%d %H:%M:%S', (${scnExpr}) / 1000000000 + ${off * 60}, 'unixepoch') || '.' || substr('00000000' || ((${scnExpr}) % 1000000000), -9))`;
}

const TZ_SUFFIX_RE = /\s+([+-]\d{1,2}:\d{2}|UTC|GMT|Z)$/i;

/** A TIMESTAMP WITH TIME ZONE as text: the wall time, then the zone ("2026-11-25 17:06:54.957000 +08:00"). */
export function formatUsecWithZone(usec: number, offsetMinutes: number): string {
  return `${formatUsec(usec, offsetMinutes, 6)} ${formatTimeZone(offsetMinutes)}`;
}

/** Microseconds since the epoch of a timestamp with or without a zone suffix (without: in defaultOffset). */
export function parseZonedDateTime(text: string, defaultOffsetMinutes: number): number | null {
  const m = TZ_SUFFIX_RE.exec(text.trim());
  const offset = m ? parseTimeZone(m[1] ?? '') : defaultOffsetMinutes;
  if (offset === null) return null;
  return parseDateTime(m ? text.trim().slice(0, m.index) : text, offset);
}

/**
 * Oracle's TO_CHAR(datetime, format) for the elements a console needs: YYYY YY MM MON MONTH DD
 * HH24 HH12 HH MI SS FF1-9 FF AM PM, with other characters and "quoted text" copied as they are.
 */
export function oracleToChar(usec: number, offsetMinutes: number, format: string): string {
  const p = parts(usec, offsetMinutes);
  const elements: [RegExp, () => string][] = [
    [/^YYYY/i, () => pad(p.year, 4)],
    [/^YY/i, () => pad(p.year % 100, 2)],
    [/^MONTH/i, () => (MONTHS[p.month - 1] ?? '').toUpperCase()],
    [/^MON/i, () => (MONTHS[p.month - 1] ?? '').slice(0, 3).toUpperCase()],
    [/^MM/i, () => pad(p.month, 2)],
    [/^MI/i, () => pad(p.minute, 2)],
    [/^DD/i, () => pad(p.day, 2)],
    [/^HH24/i, () => pad(p.hour, 2)],
    [/^HH(12)?/i, () => pad(((p.hour + 11) % 12) + 1, 2)],
    [/^SS/i, () => pad(p.second, 2)],
    [/^FF[1-9]?/i, () => ''],
    [/^(AM|PM)/i, () => (p.hour < 12 ? 'AM' : 'PM')],
  ];
  let out = '';
  let i = 0;
  outer: while (i < format.length) {
    const rest = format.slice(i);
    if (rest.startsWith('"')) {
      const end = format.indexOf('"', i + 1);
      out += format.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? format.length : end + 1;
      continue;
    }
    for (const [re, value] of elements) {
      const m = re.exec(rest);
      if (!m) continue;
      if (/^FF/i.test(m[0])) {
        const digits = m[0].length > 2 ? Number(m[0].slice(2)) : 6;
        out += pad(p.micro, 6).padEnd(9, '0').slice(0, digits);
      } else out += value();
      i += m[0].length;
      continue outer;
    }
    out += format[i];
    i += 1;
  }
  return out;
}
