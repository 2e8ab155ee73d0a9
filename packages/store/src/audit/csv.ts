import { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import type { AuditEvent } from '@obconsole/contracts';
import { stringify } from 'csv-stringify';

export const AUDIT_CSV_COLUMNS = [
  'id',
  'seq',
  'time',
  'cluster',
  'actor',
  'action',
  'outcome',
  'tenants',
  'error_code',
  'client_address',
  'user_agent',
  'request_id',
  'details',
  'prev_hash',
  'hash',
];

/** Spreadsheet apps run cells that start with these as formulas; a leading quote disarms them. */
function cell(v: string | null): string {
  if (v === null) return '';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function row(e: AuditEvent): (string | number)[] {
  return [
    e.id,
    e.seq,
    e.time,
    e.clusterId,
    cell(e.actor),
    e.action,
    e.outcome,
    e.tenants.join(' '),
    e.errorCode ?? '',
    cell(e.clientAddress),
    cell(e.userAgent),
    cell(e.requestId),
    cell(JSON.stringify(e.details)),
    e.prevHash,
    e.hash,
  ];
}

/**
 * The events as CSV (UTF-8 with a byte-order mark, for spreadsheet apps), streamed with
 * back-pressure: a page is read only when the reader has taken the previous one.
 */
export function auditCsv(pages: AsyncIterable<AuditEvent[]>): Readable {
  async function* rows() {
    for await (const page of pages) for (const e of page) yield row(e);
  }
  const csv = stringify({ header: true, columns: AUDIT_CSV_COLUMNS, bom: true });
  pipeline(Readable.from(rows()), csv, () => undefined);
  return csv;
}
