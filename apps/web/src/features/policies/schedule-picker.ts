import { CronError, parseCron } from '@obconsole/contracts';

/**
 * The form's schedule pickers (as OCP offers them: daily, weekly on chosen weekdays, monthly on
 * chosen days) and the cron line each one stands for. A line the pickers cannot express stays a
 * raw cron line, shown as written.
 */
export type Frequency = 'daily' | 'weekly' | 'monthly' | 'cron';

export interface PickerValue {
  frequency: Frequency;
  /** "HH:MM", 24-hour. */
  time: string;
  /** 0 = Sunday ... 6 = Saturday. */
  weekdays: number[];
  /** 1-31. */
  monthDays: number[];
  /** The raw line, for `frequency: 'cron'`. */
  cron: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseTime(time: string): { hour: number; minute: number } | null {
  const m = TIME.exec(time);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

const sorted = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

/** The cron line of a picker value, or null when a picker lacks what it needs (a day, a time). */
export function pickerToCron(v: PickerValue): string | null {
  if (v.frequency === 'cron') return v.cron.trim() || null;
  const t = parseTime(v.time);
  if (!t) return null;
  const head = `${t.minute} ${t.hour}`;
  switch (v.frequency) {
    case 'daily':
      return `${head} * * *`;
    case 'weekly':
      return v.weekdays.length ? `${head} * * ${sorted(v.weekdays).join(',')}` : null;
    case 'monthly':
      return v.monthDays.length ? `${head} ${sorted(v.monthDays).join(',')} * *` : null;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** What the pickers show for a cron line: its picker when one expresses it exactly, else raw cron. */
export function cronToPicker(cron: string): PickerValue {
  const raw: PickerValue = { frequency: 'cron', time: '02:00', weekdays: [], monthDays: [], cron };
  let spec;
  try {
    spec = parseCron(cron);
  } catch (e) {
    if (e instanceof CronError) return raw;
    throw e;
  }
  const fields = spec.source.split(' ');
  if (spec.minutes.size !== 1 || spec.hours.size !== 1 || fields[3] !== '*') return raw;
  const base = { ...raw, time: `${pad([...spec.hours][0]!)}:${pad([...spec.minutes][0]!)}` };
  if (spec.anyDayOfMonth && spec.anyDayOfWeek)
    return fields[2] === '*' && fields[4] === '*' ? { ...base, frequency: 'daily' } : raw;
  if (spec.anyDayOfMonth && fields[2] === '*')
    return { ...base, frequency: 'weekly', weekdays: sorted([...spec.daysOfWeek]) };
  if (spec.anyDayOfWeek && fields[4] === '*')
    return { ...base, frequency: 'monthly', monthDays: sorted([...spec.daysOfMonth]) };
  return raw;
}
