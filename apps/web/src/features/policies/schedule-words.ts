import type { TFunction } from 'i18next';
import { cronToPicker, type PickerValue } from './schedule-picker';

/**
 * A policy's schedule in the reader's words: "Full on Sundays at 02:00, incremental daily at
 * 02:00, Asia/Shanghai" / "全量备份每周日 02:00，增量备份每天 02:00，Asia/Shanghai". A line the
 * pickers cannot express is quoted as written.
 */
function list(items: string[], lang: string): string {
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);
}

/** Consecutive weekdays (at least three) read as a range: "Monday to Friday". */
function asRange(days: number[]): [number, number] | null {
  if (days.length < 3) return null;
  for (let i = 1; i < days.length; i++) if (days[i] !== days[i - 1]! + 1) return null;
  return [days[0]!, days[days.length - 1]!];
}

function when(t: TFunction, lang: string, p: PickerValue): string {
  const time = p.time;
  switch (p.frequency) {
    case 'daily':
      return t('policies.words.daily', { time });
    case 'weekly': {
      if (p.weekdays.length === 7) return t('policies.words.daily', { time });
      // Monday first, as both languages read a week; Sunday last.
      const week = [...p.weekdays].map((d) => (d === 0 ? 7 : d)).sort((a, b) => a - b);
      const name = (d: number) => t(`policies.weekday.${d % 7}` as never);
      const range = asRange(week);
      if (range)
        return t('policies.words.weeklyRange', { from: name(range[0]), to: name(range[1]), time });
      return t('policies.words.weekly', {
        days: list(
          week.map((d) => t(`policies.weekdayPlural.${d % 7}` as never)),
          lang,
        ),
        time,
      });
    }
    case 'monthly':
      return t('policies.words.monthly', {
        days: list(p.monthDays.map(String), lang),
        time,
        count: p.monthDays.length,
      });
    case 'cron':
      return t('policies.words.cron', { cron: p.cron.trim() });
  }
}

/** One cron line in words ("on Sundays at 02:00"). */
export function cronInWords(t: TFunction, lang: string, cron: string): string {
  return when(t, lang, cronToPicker(cron));
}

export function scheduleInWords(
  t: TFunction,
  lang: string,
  policy: { full: { cron: string }; incremental: { cron: string } | null; timeZone: string },
): string {
  const parts = [t('policies.words.full', { when: cronInWords(t, lang, policy.full.cron) })];
  if (policy.incremental)
    parts.push(
      t('policies.words.incremental', { when: cronInWords(t, lang, policy.incremental.cron) }),
    );
  parts.push(policy.timeZone);
  return parts.join(t('policies.words.separator'));
}
