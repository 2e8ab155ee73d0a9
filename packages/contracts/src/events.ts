import { z } from 'zod';
import { ActiveJob } from './backups.js';
import { HistoryItem } from './history.js';
import { IsoTimestamp } from './common.js';

/** GET /api/backups/active, and the `active` Server-Sent Event carrying the same payload. */
export const ActiveJobsResponse = z.object({
  jobs: z.array(ActiveJob),
  /** Jobs that finished while this account was being watched (last 10 minutes), newest first. */
  recent: z.array(HistoryItem),
  updatedAt: IsoTimestamp,
});
export type ActiveJobsResponse = z.infer<typeof ActiveJobsResponse>;
