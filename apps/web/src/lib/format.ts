import dayjs from 'dayjs';
import { i18n } from '../i18n';

/**
 * Figures as the reader's language writes them. Units (KB, MB, GB) stay as OceanBase's
 * *_DISPLAY columns show them, in both languages; durations, rates and relative times use the
 * language's words. Each function takes the language explicitly for tests and defaults to the
 * current one.
 */
type Lang = string;
const current = (): Lang => i18n.language || 'en';
const isZh = (lang: Lang) => lang.toLowerCase().startsWith('zh');

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

function number(v: number, digits: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(v);
}

/** Bytes in 1024-based units, as OceanBase's *_DISPLAY columns show them. */
export function formatBytes(bytes: number | null | undefined, lang: Lang = current()): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  let v = Math.max(0, bytes);
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${number(v, digits, lang)} ${UNITS[i]}`;
}

export function formatRate(bytesPerSec: number | null | undefined, lang: Lang = current()): string {
  if (bytesPerSec === null || bytesPerSec === undefined) return '—';
  return `${formatBytes(bytesPerSec, lang)}${isZh(lang) ? '/秒' : '/s'}`;
}

/** en: 3725 → "1h 02m 05s", 65 → "1m 05s", 9 → "9s"; zh: "1小时02分05秒", "1分05秒", "9秒". */
export function formatDuration(seconds: number | null | undefined, lang: Lang = current()): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const [uh, um, us, sep] = isZh(lang) ? ['小时', '分', '秒', ''] : ['h', 'm', 's', ' '];
  if (h > 0) return `${h}${uh}${sep}${pad(m)}${um}${sep}${pad(sec)}${us}`;
  if (m > 0) return `${m}${um}${sep}${pad(sec)}${us}`;
  return `${sec}${us}`;
}

/** The zone times are shown in, as "UTC+8" (or "UTC+5:30", "UTC"). */
export function timeZoneLabel(at: dayjs.Dayjs = dayjs()): string {
  const offset = at.utcOffset();
  if (offset === 0) return 'UTC';
  const sign = offset > 0 ? '+' : '-';
  const h = Math.floor(Math.abs(offset) / 60);
  const m = Math.abs(offset) % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

/** Local date and time of an ISO timestamp from the BFF, saying its zone. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? `${d.format('YYYY-MM-DD HH:mm:ss')} ${timeZoneLabel(d)}` : iso;
}

/** "3 minutes ago", "3 分钟前": how old something is, for ages and stale data. */
export function formatRelative(
  iso: string | null | undefined,
  now: number = Date.now(),
  lang: Lang = current(),
): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const diff = Math.round((t - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const abs = Math.abs(diff);
  if (abs < 60) return rtf.format(diff, 'second');
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(diff / 3600), 'hour');
  return rtf.format(Math.round(diff / 86_400), 'day');
}

export function formatCount(done: number, total: number, lang: Lang = current()): string {
  const f = new Intl.NumberFormat(lang);
  return `${f.format(done)} / ${f.format(total)}`;
}
