import type { HistoryItem } from '@obconsole/contracts';

/** The columns of the history export (the fleet's puts `cluster_id` before them). */
export const HISTORY_CSV_COLUMNS = [
  'tenant_id',
  'tenant_name',
  'job_id',
  'backup_set_id',
  'type',
  'status',
  'initiator',
  // The times are ISO-8601 in UTC (…Z); the header says so for whoever reads the sheet.
  'start_time_utc',
  'end_time_utc',
  'elapsed_seconds',
  'output_bytes',
  'plus_archivelog',
  'encryption_mode',
  'result',
  'comment',
  'description',
  'path',
  // person:<user@tenant>, policy:<name> or outside (started outside the console).
  'started_by',
];

/** Spreadsheet apps run cells that start with these as formulas; a leading quote disarms them. */
function cell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function startedByCell(s: HistoryItem['startedBy']): string {
  if (s.kind === 'person') return `person:${s.actor}`;
  if (s.kind === 'policy') return `policy:${s.policy}`;
  return 'outside';
}

/** One job as a row of HISTORY_CSV_COLUMNS. */
export function historyCsvRow(i: HistoryItem): (string | number)[] {
  return [
    i.tenantId,
    i.tenantName,
    i.jobId,
    i.backupSetId,
    i.type,
    i.status,
    i.initiator,
    i.startTime,
    i.endTime ?? '',
    i.elapsedSeconds ?? '',
    i.outputBytes ?? '',
    i.plusArchivelog ? 'ON' : 'OFF',
    i.encryptionMode,
    i.result,
    cell(i.comment),
    cell(i.description),
    cell(i.path),
    startedByCell(i.startedBy),
  ];
}
