import { describe, expect, it } from 'vitest';
import { CronError, parseCron } from './cron.js';
import { checkedCron, dueSlots, nextSlots, type Schedules } from './slots.js';
import { isTimeZone } from './zoned-time.js';

const at = (iso: string) => Date.parse(iso);
function sched(full: string, timeZone: string, incremental?: string): Schedules {
  return {
    full: checkedCron(full, timeZone),
    incremental: incremental ? checkedCron(incremental, timeZone) : null,
    timeZone,
  };
}
function fieldOf(cron: string): string {
  try {
    checkedCron(cron, 'UTC');
  } catch (e) {
    if (e instanceof CronError) return `${e.field}: ${e.message}`;
    throw e;
  }
  return 'valid';
}

describe('cron schedules', () => {
  it('names the field that is wrong, and what is wrong with it', () => {
    expect(fieldOf('61 * * * *')).toBe('minute: minute field: 61 is out of range (0-59)');
    expect(fieldOf('0 24 * * *')).toBe('hour: hour field: 24 is out of range (0-23)');
    expect(fieldOf('0 0 0 * *')).toBe('day-of-month: day-of-month field: 0 is out of range (1-31)');
    expect(fieldOf('0 0 * 13 *')).toBe('month: month field: 13 is out of range (1-12)');
    expect(fieldOf('0 0 * * 8')).toBe('day-of-week: day-of-week field: 8 is out of range (0-7)');
    expect(fieldOf('x 0 * * *')).toBe('minute: minute field: "x" is not a number');
    expect(fieldOf('0 0 * * FUN')).toMatch(
      /^day-of-week: .*"FUN" is not a number or a name \(SUN, MON, TUE/,
    );
    expect(fieldOf('*/0 * * * *')).toMatch(/^minute: .*step/);
    expect(fieldOf('0 5-2 * * *')).toMatch(/^hour: .*runs backwards/);
    expect(fieldOf('0 2 * *')).toMatch(/^line: a schedule has five fields .* this one has 4/);
    expect(fieldOf('@daily')).toMatch(/^line: "@daily" is not supported/);
    expect(fieldOf('')).toMatch(/^line: the schedule is empty/);
    expect(fieldOf('0 0 30 2 *')).toMatch(/^day-of-month: "0 0 30 2 \*" never runs/);
    expect(fieldOf('0 0 29 2 *')).toBe('valid');
  });

  it('reads names, 7 as Sunday, lists, ranges and steps like crontab', () => {
    const a = parseCron('0 2 * * SUN');
    expect([...parseCron('0 2 * * 7').daysOfWeek]).toEqual([...a.daysOfWeek]);
    expect([...parseCron('0 2 * jan-mar *').months]).toEqual([1, 2, 3]);
    expect([...parseCron('*/20 1,3 * * *').minutes]).toEqual([0, 20, 40]);
    expect([...parseCron('5/20 * * * *').minutes]).toEqual([5, 25, 45]);
    expect([...parseCron('0 0 * * 1-5/2').daysOfWeek]).toEqual([1, 3, 5]);
  });

  it('runs on a day when either day field matches if both are restricted (crontab rule)', () => {
    const s = sched('0 0 1 * MON', 'UTC');
    const days = nextSlots(s, at('2026-12-01T00:00:00Z'), 5).map((x) => x.at.slice(0, 10));
    // 2026-12-07, -14, -21, -28 are Mondays; 2027-01-01 is the 1st.
    expect(days).toEqual(['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28', '2027-01-01']);
  });

  it('places slots in the policy time zone', () => {
    const s = sched('0 2 * * 0', 'Asia/Shanghai');
    expect(nextSlots(s, at('2026-12-02T00:00:00Z'), 2)).toEqual([
      { at: '2026-12-05T18:00:00.000Z', type: 'full', local: '2026-12-06 02:00' },
      { at: '2026-12-12T18:00:00.000Z', type: 'full', local: '2026-12-13 02:00' },
    ]);
  });

  it('runs a slot that does not exist (spring forward) once, at the first minute after the gap', () => {
    // New York, 2026-03-08: 02:00 EST becomes 03:00 EDT.
    const s = sched('30 2 * * *', 'America/New_York');
    expect(nextSlots(s, at('2026-03-07T00:00:00Z'), 3).map((x) => x.at)).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:00:00.000Z', // 02:30 does not exist: 03:00 EDT
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
    // Four slots inside the gap are one run, not four.
    const every15 = sched('*/15 2 * * *', 'America/New_York');
    const onTheDay = nextSlots(every15, at('2026-03-08T00:00:00Z'), 10).filter((x) =>
      x.at.startsWith('2026-03-08'),
    );
    expect(onTheDay.map((x) => x.at)).toEqual(['2026-03-08T07:00:00.000Z']);
  });

  it('runs a slot in a repeated hour (fall back) once, at its first occurrence', () => {
    // New York, 2026-11-01: 02:00 EDT goes back to 01:00 EST, so 01:30 happens twice.
    const s = sched('30 1 * * *', 'America/New_York');
    const slots = nextSlots(s, at('2026-10-31T12:00:00Z'), 3).map((x) => x.at);
    expect(slots).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
      '2026-11-03T06:30:00.000Z',
    ]);
    // Southern hemisphere, other dates: Sydney 2026-04-05 03:00 AEDT back to 02:00 AEST.
    const syd = sched('30 2 * * *', 'Australia/Sydney');
    const april = nextSlots(syd, at('2026-04-04T00:00:00Z'), 2).map((x) => x.at);
    expect(april).toEqual(['2026-04-04T15:30:00.000Z', '2026-04-05T16:30:00.000Z']);
  });

  it('merges full and incremental slots; full wins when they coincide', () => {
    const s = sched('0 2 * * 0', 'Asia/Shanghai', '0 2 * * *');
    const week = nextSlots(s, at('2026-12-05T00:00:00Z'), 8);
    expect(week.map((x) => `${x.local} ${x.type}`)).toEqual([
      '2026-12-06 02:00 full',
      '2026-12-07 02:00 incremental',
      '2026-12-08 02:00 incremental',
      '2026-12-09 02:00 incremental',
      '2026-12-10 02:00 incremental',
      '2026-12-11 02:00 incremental',
      '2026-12-12 02:00 incremental',
      '2026-12-13 02:00 full',
    ]);
  });

  it('after an outage runs only the newest slot, and only when it is fresh enough', () => {
    const s = sched('0 * * * *', 'UTC');
    const since = at('2026-12-02T00:30:00Z');
    const now = at('2026-12-02T03:10:00Z');
    const fresh = dueSlots(s, since, now, 60);
    expect(fresh.run?.at).toBe('2026-12-02T03:00:00.000Z');
    expect(fresh.missed.map((x) => x.at)).toEqual([
      '2026-12-02T01:00:00.000Z',
      '2026-12-02T02:00:00.000Z',
    ]);
    const stale = dueSlots(s, since, now, 5);
    expect(stale.run).toBeNull();
    expect(stale.missed).toHaveLength(3);
    expect(dueSlots(s, at('2026-12-02T03:00:00Z'), now, 60)).toEqual({
      run: null,
      missed: [],
      truncated: false,
    });
    // A slot exactly at "now" is due; the one that equals "since" was already handled.
    expect(dueSlots(s, at('2026-12-02T02:00:00Z'), at('2026-12-02T03:00:00Z'), 60).run?.at).toBe(
      '2026-12-02T03:00:00.000Z',
    );
  });

  it('knows the IANA zones and refuses others', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
