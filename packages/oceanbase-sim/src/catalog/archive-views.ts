import { col, scnDisplay } from './view-columns.js';
import type { ViewColumn } from './view-columns.js';

/** The archive views: ARCHIVELOG, ARCHIVELOG_SUMMARY and ARCHIVELOG_PIECE_FILES. */

export const ARCHIVE_COLUMNS: ViewColumn[] = [
  col('TENANT_ID', 'bigint'),
  col('DEST_ID', 'bigint'),
  col('ROUND_ID', 'bigint'),
  col('INCARNATION', 'bigint'),
  col('DEST_NO', 'bigint'),
  col('STATUS', 'varchar'),
  col('START_SCN', 'ubigint'),
  scnDisplay('START_SCN_DISPLAY', 'start_scn'),
  col('CHECKPOINT_SCN', 'ubigint'),
  scnDisplay('CHECKPOINT_SCN_DISPLAY', 'checkpoint_scn'),
  col('COMPATIBLE', 'bigint'),
  col('BASE_PIECE_ID', 'bigint'),
  col('USED_PIECE_ID', 'bigint'),
  col('PIECE_SWITCH_INTERVAL', 'bigint'),
  col('UNIT_SIZE', 'bigint'),
  col('COMPRESSION', 'varchar'),
  col('INPUT_BYTES', 'bigint'),
  col('INPUT_BYTES_DISPLAY', 'varchar', 'ob_bytes_display(input_bytes)'),
  col('OUTPUT_BYTES', 'bigint'),
  col('OUTPUT_BYTES_DISPLAY', 'varchar', 'ob_bytes_display(output_bytes)'),
  col(
    'COMPRESSION_RATIO',
    'dec26_2',
    // output / input, 0 before anything was read.
    'CASE WHEN input_bytes = 0 THEN 0 ELSE ROUND(output_bytes * 1.0 / input_bytes, 2) END',
  ),
  col('DELETED_INPUT_BYTES', 'bigint'),
  col('DELETED_INPUT_BYTES_DISPLAY', 'varchar', 'ob_bytes_display(deleted_input_bytes)'),
  col('DELETED_OUTPUT_BYTES', 'bigint'),
  col('DELETED_OUTPUT_BYTES_DISPLAY', 'varchar', 'ob_bytes_display(deleted_output_bytes)'),
  col('COMMENT', 'varchar'),
  col('PATH', 'varchar'),
];

/** ARCHIVELOG_SUMMARY ends PATH, COMMENT, and shows rounds of the history table as STOP. */
export const SUMMARY_COLUMNS: ViewColumn[] = [
  ...ARCHIVE_COLUMNS.filter((c) => c.name !== 'COMMENT' && c.name !== 'PATH').map((c) =>
    c.name === 'STATUS'
      ? {
          ...c,
          expr: (_off: number, source: string) =>
            source === '__all_tenant_archive_his' ? `'STOP'` : 'status',
        }
      : c,
  ),
  col('PATH', 'varchar'),
  col('COMMENT', 'varchar'),
];

/**
 * One row per round for the piece it is writing (or wrote last): ACTIVE while the round is
 * DOING, FROZEN otherwise. A real cluster lists every piece of every round.
 */
export const PIECE_COLUMNS: ViewColumn[] = [
  col('TENANT_ID', 'bigint'),
  col('DEST_ID', 'bigint'),
  col('ROUND_ID', 'bigint'),
  col('PIECE_ID', 'bigint', 'used_piece_id'),
  col('INCARNATION', 'bigint'),
  col('DEST_NO', 'bigint'),
  {
    name: 'STATUS',
    type: 'varchar',
    expr: (_off, source) =>
      source === '__all_tenant_archive_his'
        ? `'FROZEN'`
        : `CASE WHEN status = 'DOING' THEN 'ACTIVE' ELSE 'FROZEN' END`,
  },
  col('START_SCN', 'ubigint'),
  scnDisplay('START_SCN_DISPLAY', 'start_scn'),
  col('CHECKPOINT_SCN', 'ubigint'),
  scnDisplay('CHECKPOINT_SCN_DISPLAY', 'checkpoint_scn'),
  col('MAX_SCN', 'ubigint', 'checkpoint_scn'),
  col('END_SCN', 'ubigint', 'start_scn + piece_switch_interval * 1000'),
  scnDisplay('END_SCN_DISPLAY', '(start_scn + piece_switch_interval * 1000)'),
  col('COMPATIBLE', 'bigint'),
  col('UNIT_SIZE', 'bigint'),
  col('COMPRESSION', 'varchar'),
  col('INPUT_BYTES', 'bigint'),
  col('INPUT_BYTES_DISPLAY', 'varchar', 'ob_bytes_display(input_bytes)'),
  col('OUTPUT_BYTES', 'bigint'),
  col('OUTPUT_BYTES_DISPLAY', 'varchar', 'ob_bytes_display(output_bytes)'),
  col(
    'COMPRESSION_RATIO',
    'dec26_2',
    'CASE WHEN input_bytes = 0 THEN 0 ELSE ROUND(output_bytes * 1.0 / input_bytes, 2) END',
  ),
  col('FILE_STATUS', 'varchar', `'AVAILABLE'`),
  col('PATH', 'varchar'),
];
