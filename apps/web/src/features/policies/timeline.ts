import dayjs from 'dayjs';
import type { TimelineEntry } from '@obconsole/contracts';

/** Runs closer than this to a run of another policy are flagged: they compete for the cluster. */
export const OVERLAP_MINUTES = 60;

export interface TimelineDay {
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  runs: (TimelineEntry & { overlaps: string[] })[];
}

/**
 * The window's runs by the reader's local day, every day present (a day without runs is a gap
 * to see), each run with the other policies running within OVERLAP_MINUTES of it.
 */
export function timelineDays(from: string, days: number, runs: TimelineEntry[]): TimelineDay[] {
  const start = dayjs(from).startOf('day');
  const out: TimelineDay[] = Array.from({ length: days }, (_, i) => ({
    day: start.add(i, 'day').format('YYYY-MM-DD'),
    runs: [],
  }));
  const sorted = [...runs].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const r of sorted) {
    const at = Date.parse(r.at);
    const overlaps = [
      ...new Set(
        sorted
          .filter(
            (o) =>
              o.policyId !== r.policyId &&
              Math.abs(Date.parse(o.at) - at) < OVERLAP_MINUTES * 60_000,
          )
          .map((o) => o.policyName),
      ),
    ];
    const day = out.find((d) => d.day === dayjs(r.at).format('YYYY-MM-DD'));
    day?.runs.push({ ...r, overlaps });
  }
  return out;
}
