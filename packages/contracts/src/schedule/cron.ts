/**
 * 5-field cron (minute hour day-of-month month day-of-week), as crontab(5) defines it: lists,
 * ranges, steps, `*`, month and weekday names, 0 and 7 both Sunday, and the classic rule that a
 * day matches when day-of-month OR day-of-week matches if both are restricted. Parsed into sets
 * so that a slot is checked without any string work; every error names the field to fix.
 */

export interface CronSpec {
  source: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0 = Sunday ... 6 = Saturday. */
  daysOfWeek: ReadonlySet<number>;
  /** The day fields as written were `*` (crontab's OR rule needs to know). */
  anyDayOfMonth: boolean;
  anyDayOfWeek: boolean;
}

export class CronError extends Error {
  constructor(
    message: string,
    /** Which field is wrong: minute, hour, day-of-month, month, day-of-week, or the whole line. */
    readonly field: string,
  ) {
    super(message);
  }
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59, names: null },
  { name: 'hour', min: 0, max: 23, names: null },
  { name: 'day-of-month', min: 1, max: 31, names: null },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day-of-week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
] as const;

type Field = (typeof FIELDS)[number];

function value(token: string, f: Field): number {
  const upper = token.toUpperCase();
  if (f.names) {
    const i = (f.names as readonly string[]).indexOf(upper);
    if (i >= 0) return f.name === 'month' ? i + 1 : i;
  }
  if (!/^\d+$/.test(token))
    throw new CronError(
      `${f.name} field: "${token}" is not a number${f.names ? ` or a name (${f.names.slice(0, 3).join(', ')}, ...)` : ''}`,
      f.name,
    );
  const n = Number(token);
  if (n < f.min || n > f.max)
    throw new CronError(`${f.name} field: ${n} is out of range (${f.min}-${f.max})`, f.name);
  return n;
}

function parseField(text: string, f: Field): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    if (!part) throw new CronError(`${f.name} field: an empty list item in "${text}"`, f.name);
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined)
      throw new CronError(`${f.name} field: "${part}" has two steps`, f.name);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0)
        throw new CronError(
          `${f.name} field: the step in "${part}" must be a whole number of 1 or more`,
          f.name,
        );
      step = Number(stepText);
    }
    let lo: number;
    let hi: number;
    if (range === '*') {
      [lo, hi] = [f.min, f.name === 'day-of-week' ? 6 : f.max];
    } else if (range!.includes('-')) {
      const [a, b, more] = range!.split('-');
      if (more !== undefined || !a || !b)
        throw new CronError(`${f.name} field: "${range}" is not a range like 1-5`, f.name);
      [lo, hi] = [value(a, f), value(b, f)];
      if (lo > hi)
        throw new CronError(`${f.name} field: the range "${range}" runs backwards`, f.name);
    } else {
      lo = value(range!, f);
      // `5/15` means from 5 to the end, every 15 (as cronie reads it).
      hi = stepText !== undefined ? (f.name === 'day-of-week' ? 6 : f.max) : lo;
    }
    for (let v = lo; v <= hi; v += step) out.add(f.name === 'day-of-week' && v === 7 ? 0 : v);
  }
  return out;
}

export function parseCron(source: string): CronSpec {
  const text = source.trim();
  if (!text)
    throw new CronError('the schedule is empty: give five fields, e.g. "0 2 * * 0"', 'line');
  if (text.startsWith('@'))
    throw new CronError(
      `"${text.split(/\s/)[0]}" is not supported: write the five fields (e.g. "0 0 * * *" for daily)`,
      'line',
    );
  const parts = text.split(/\s+/);
  if (parts.length !== 5)
    throw new CronError(
      `a schedule has five fields (minute hour day-of-month month day-of-week), this one has ${parts.length}`,
      'line',
    );
  const sets = parts.map((p, i) => parseField(p, FIELDS[i]!));
  return {
    source: parts.join(' '),
    minutes: sets[0]!,
    hours: sets[1]!,
    daysOfMonth: sets[2]!,
    months: sets[3]!,
    daysOfWeek: sets[4]!,
    // As Vixie cron and cronie read it: a field starting with * (also */2) is unrestricted.
    anyDayOfMonth: parts[2]!.startsWith('*'),
    anyDayOfWeek: parts[4]!.startsWith('*'),
  };
}

/** Whether the schedule runs on this calendar day (month 1-12, weekday 0 = Sunday). */
export function runsOnDay(c: CronSpec, month: number, day: number, weekday: number): boolean {
  if (!c.months.has(month)) return false;
  const dom = c.daysOfMonth.has(day);
  const dow = c.daysOfWeek.has(weekday);
  if (c.anyDayOfMonth && c.anyDayOfWeek) return true;
  if (c.anyDayOfMonth) return dow;
  if (c.anyDayOfWeek) return dom;
  return dom || dow;
}
