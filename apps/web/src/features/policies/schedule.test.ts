import { afterAll, describe, expect, it } from 'vitest';
import { applyLanguage, i18n } from '../../i18n';
import { cronToPicker, pickerToCron, type PickerValue } from './schedule-picker';
import { cronInWords, scheduleInWords } from './schedule-words';
import { checkDraft, newDraft, previewOf } from './form-state';
import { timelineDays } from './timeline';

const pick = (p: Partial<PickerValue>): PickerValue => ({
  frequency: 'daily',
  time: '02:00',
  weekdays: [],
  monthDays: [],
  cron: '',
  ...p,
});

describe('schedule pickers', () => {
  it('turn daily, weekly and monthly choices into the cron line the server runs', () => {
    expect(pickerToCron(pick({ frequency: 'daily', time: '02:30' }))).toBe('30 2 * * *');
    expect(pickerToCron(pick({ frequency: 'weekly', weekdays: [5, 0, 3, 3] }))).toBe(
      '0 2 * * 0,3,5',
    );
    expect(pickerToCron(pick({ frequency: 'monthly', time: '23:05', monthDays: [15, 1] }))).toBe(
      '5 23 1,15 * *',
    );
    expect(pickerToCron(pick({ frequency: 'cron', cron: ' */15 * * * * ' }))).toBe('*/15 * * * *');
  });

  it('give no line while a picker lacks a day or a time', () => {
    expect(pickerToCron(pick({ frequency: 'weekly', weekdays: [] }))).toBeNull();
    expect(pickerToCron(pick({ frequency: 'monthly', monthDays: [] }))).toBeNull();
    expect(pickerToCron(pick({ frequency: 'daily', time: '' }))).toBeNull();
    expect(pickerToCron(pick({ frequency: 'daily', time: '24:00' }))).toBeNull();
  });

  it('read a line back into the picker that expresses it, and keep any other line as raw cron', () => {
    expect(cronToPicker('0 2 * * 0')).toMatchObject({
      frequency: 'weekly',
      weekdays: [0],
      time: '02:00',
    });
    expect(cronToPicker('0 2 * * 1-6')).toMatchObject({
      frequency: 'weekly',
      weekdays: [1, 2, 3, 4, 5, 6],
    });
    expect(cronToPicker('45 7 1,15 * *')).toMatchObject({
      frequency: 'monthly',
      monthDays: [1, 15],
      time: '07:45',
    });
    expect(cronToPicker('0 2 * * *')).toMatchObject({ frequency: 'daily' });
    for (const raw of ['*/15 * * * *', '0 2,14 * * *', '0 2 * 1 *', '0 2 1 * 1', 'nonsense'])
      expect(cronToPicker(raw)).toMatchObject({ frequency: 'cron', cron: raw });
    for (const p of [
      pick({ frequency: 'weekly', weekdays: [1, 3] }),
      pick({ frequency: 'monthly', monthDays: [28], time: '00:00' }),
    ])
      expect(cronToPicker(pickerToCron(p)!)).toMatchObject({ ...p, cron: pickerToCron(p) });
  });
});

describe('schedule in words', () => {
  afterAll(() => applyLanguage('en'));
  const policy = {
    full: { cron: '0 2 * * 0' },
    incremental: { cron: '0 2 * * *' },
    timeZone: 'Asia/Shanghai',
  };

  it('says a policy in English as the issue writes it', async () => {
    await applyLanguage('en');
    const t = i18n.t.bind(i18n);
    expect(scheduleInWords(t, 'en', policy)).toBe(
      'Full on Sundays at 02:00, incremental daily at 02:00, Asia/Shanghai',
    );
    expect(scheduleInWords(t, 'en', { ...policy, incremental: null })).toBe(
      'Full on Sundays at 02:00, Asia/Shanghai',
    );
    expect(cronInWords(t, 'en', '0 2 * * 1-6')).toBe('Monday to Saturday at 02:00');
    expect(cronInWords(t, 'en', '30 1 * * 1,3,5')).toBe(
      'on Mondays, Wednesdays, and Fridays at 01:30',
    );
    expect(cronInWords(t, 'en', '0 3 1 * *')).toBe('monthly on day 1 at 03:00');
    expect(cronInWords(t, 'en', '0 3 1,15 * *')).toBe('monthly on days 1 and 15 at 03:00');
    expect(cronInWords(t, 'en', '*/15 * * * *')).toBe('by the cron line */15 * * * *');
  });

  it('says it in Chinese', async () => {
    await applyLanguage('zh-CN');
    const t = i18n.t.bind(i18n);
    expect(scheduleInWords(t, 'zh-CN', policy)).toBe(
      '全量备份每周日 02:00，增量备份每天 02:00，Asia/Shanghai',
    );
    expect(cronInWords(t, 'zh-CN', '0 2 * * 1-6')).toBe('每周一至周六 02:00');
    expect(cronInWords(t, 'zh-CN', '0 3 1,15 * *')).toMatch(/^每月 1.15 日 03:00$/);
  });
});

describe('the form preview and checks', () => {
  const t = i18n.t.bind(i18n);

  it('previews the next 10 runs in the policy zone, full winning when both fall together', () => {
    const d = {
      ...newDraft(true),
      full: pick({ frequency: 'weekly', weekdays: [0] }),
      incremental: pick({ frequency: 'daily' }),
      timeZone: 'Asia/Shanghai',
    };
    const runs = previewOf(d, Date.parse('2026-12-05T00:00:00Z'))!;
    expect(runs).toHaveLength(10);
    expect(runs.slice(0, 3).map((r) => `${r.local} ${r.type}`)).toEqual([
      '2026-12-06 02:00 full',
      '2026-12-07 02:00 incremental',
      '2026-12-08 02:00 incremental',
    ]);
    expect(runs[0]!.at).toBe('2026-12-05T18:00:00.000Z');
    // The same wall time in another zone is another instant.
    const utc = previewOf({ ...d, timeZone: 'UTC' }, Date.parse('2026-12-05T00:00:00Z'))!;
    expect(utc[0]).toMatchObject({ at: '2026-12-05T02:00:00.000Z', type: 'incremental' });
  });

  it('refuses a policy without a full schedule and names the wrong cron field', () => {
    const base = { ...newDraft(true), name: 'nightly' };
    expect(
      checkDraft(
        t,
        { ...base, full: pick({ frequency: 'cron', cron: '' }) },
        { isSys: true, editingEncrypted: false },
      ).full,
    ).toBe('A policy needs a full backup schedule: write a cron line.');
    expect(
      checkDraft(
        t,
        { ...base, full: pick({ frequency: 'cron', cron: '0 25 * * *' }) },
        { isSys: true, editingEncrypted: false },
      ).full,
    ).toMatch(/^The hour field of this schedule is not valid/);
    expect(
      previewOf({ ...base, full: pick({ frequency: 'cron', cron: '0 25 * * *' }) }, 0),
    ).toBeNull();
    expect(
      checkDraft(t, { ...base, timeZone: 'Mars/Base' }, { isSys: true, editingEncrypted: false })
        .timeZone,
    ).toMatch(/time zone/);
    expect(
      checkDraft(
        t,
        { ...base, scope: 'selected', tenants: [] },
        { isSys: true, editingEncrypted: false },
      ).tenants,
    ).toMatch(/at least one tenant/);
    expect(checkDraft(t, base, { isSys: true, editingEncrypted: false })).toEqual({});
  });
});

describe('the timeline', () => {
  it('lists every day, a day without runs included, and flags runs of two policies within an hour', () => {
    const run = (policyId: string, at: string) => ({
      policyId,
      policyName: policyId,
      timeZone: 'UTC',
      at,
      local: at,
      type: 'full' as const,
    });
    const days = timelineDays('2026-12-01T00:00:00Z', 7, [
      run('a', '2026-12-02T02:00:00Z'),
      run('b', '2026-12-02T02:30:00Z'),
      run('a', '2026-12-03T02:00:00Z'),
      run('b', '2026-12-03T05:00:00Z'),
    ]);
    expect(days).toHaveLength(7);
    const all = days.flatMap((d) => d.runs);
    expect(all.map((r) => r.overlaps)).toEqual([['b'], ['a'], [], []]);
    expect(days.filter((d) => d.runs.length === 0).length).toBeGreaterThanOrEqual(4);
  });
});
