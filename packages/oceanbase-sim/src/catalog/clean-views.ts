import type { ViewFamily } from './view-columns.js';
import { col, tsCol } from './view-columns.js';

/** The backup-cleaning views: delete policies, delete jobs and their tasks. */
const JOB = [
  col('TENANT_ID', 'bigint'),
  col('JOB_ID', 'bigint'),
  col('INCARNATION', 'bigint'),
  col('INITIATOR_TENANT_ID', 'bigint'),
  col('INITIATOR_JOB_ID', 'bigint'),
  col('EXECUTOR_TENANT_ID', 'varchar'),
  col('TYPE', 'varchar'),
  col('PARAMETER', 'varchar'),
  col('JOB_LEVEL', 'varchar'),
  tsCol('START_TIMESTAMP', 'start_ts', false),
  tsCol('END_TIMESTAMP', 'end_ts', true),
  col('STATUS', 'varchar'),
  col('TASK_COUNT', 'bigint'),
  col('SUCCESS_TASK_COUNT', 'bigint'),
  col('RESULT', 'bigint'),
  col('COMMENT', 'varchar'),
];

const TASK = [
  col('TENANT_ID', 'bigint'),
  col('TASK_ID', 'bigint'),
  // INCARNATION before JOB_ID, and TOTAL_/FINISH_TASK_COUNT, as the recorded DESC has them.
  col('INCARNATION', 'bigint'),
  col('JOB_ID', 'bigint'),
  col('TASK_TYPE', 'varchar'),
  col('ID', 'bigint'),
  col('ROUND_ID', 'bigint'),
  col('DEST_ID', 'bigint'),
  tsCol('START_TIMESTAMP', 'start_ts', false),
  tsCol('END_TIMESTAMP', 'end_ts', true),
  col('STATUS', 'varchar'),
  col('TOTAL_TASK_COUNT', 'bigint', 'total_ls_count'),
  col('FINISH_TASK_COUNT', 'bigint', 'finish_ls_count'),
  col('RESULT', 'bigint'),
  col('COMMENT', 'varchar'),
  col('PATH', 'varchar'),
];

export const CLEAN_VIEW_FAMILIES: ViewFamily[] = [
  {
    name: 'OB_BACKUP_DELETE_POLICY',
    sources: ['__all_backup_delete_policy'],
    columns: [
      col('TENANT_ID', 'bigint'),
      col('POLICY_NAME', 'varchar'),
      col('RECOVERY_WINDOW', 'varchar'),
    ],
  },
  { name: 'OB_BACKUP_DELETE_JOBS', sources: ['__all_backup_delete_job'], columns: JOB },
  {
    name: 'OB_BACKUP_DELETE_JOB_HISTORY',
    sources: ['__all_backup_delete_job_history'],
    columns: JOB,
  },
  { name: 'OB_BACKUP_DELETE_TASKS', sources: ['__all_backup_delete_task'], columns: TASK },
  {
    name: 'OB_BACKUP_DELETE_TASK_HISTORY',
    sources: ['__all_backup_delete_task_history'],
    columns: TASK,
  },
];
