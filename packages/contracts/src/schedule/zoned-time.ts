/**
 * Wall-clock time in an IANA time zone, with Intl only (no tz database of our own): the offset of
 * a zone at an instant, and the instants a wall-clock minute maps to — none in a spring-forward
 * gap, two in a fall-back overlap, one otherwise.
 */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether Intl knows the zone (an IANA name such as Asia/Shanghai, or UTC). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at an instant in the zone. */
export function wallTimeAt(ms: number, zone: string): WallTime & { second: number } {
  const parts = formatter(zone).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

function wallAsUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
}

/** Offset (ms, east positive) of the zone at the instant. */
export function offsetAt(ms: number, zone: string): number {
  const w = wallTimeAt(ms, zone);
  return (
    Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000
  );
}

/**
 * The instants at which the zone's clock shows `w`, earliest first: [] in a gap, two in an
 * overlap. Offsets change at most once within a day on every real zone, so the offsets a day
 * before and a day after are the only candidates.
 */
export function instantsOf(w: WallTime, zone: string): number[] {
  const guess = wallAsUtc(w);
  const offsets = new Set([
    offsetAt(guess - 86_400_000, zone),
    offsetAt(guess + 86_400_000, zone),
    offsetAt(guess, zone),
  ]);
  const out = new Set<number>();
  for (const off of offsets) {
    const t = guess - off;
    const back = wallTimeAt(t, zone);
    if (
      back.year === w.year &&
      back.month === w.month &&
      back.day === w.day &&
      back.hour === w.hour &&
      back.minute === w.minute
    )
      out.add(t);
  }
  return [...out].sort((a, b) => a - b);
}

/** Weekday (0 = Sunday) of a calendar date. */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "2026-03-08 02:30" — how a slot is said in its own zone. */
export function formatWall(w: WallTime): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`;
}
