import type { Db } from '../../lib/db.js';
import { num, pathOf, str } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';

export interface TenantRow {
  tenantId: number;
  name: string;
  type: string;
  mode: string;
  status: string;
  logMode: string;
}

export async function selectTenants(db: Db, scope: Scope): Promise<TenantRow[]> {
  const rows = await db.query(
    'tenants',
    `SELECT TENANT_ID, TENANT_NAME, TENANT_TYPE, COMPATIBILITY_MODE, STATUS, LOG_MODE FROM ${scope.tenantsView} ORDER BY TENANT_ID`,
  );
  return rows.map((r) => ({
    tenantId: num(r, 'TENANT_ID'),
    name: str(r, 'TENANT_NAME'),
    type: str(r, 'TENANT_TYPE'),
    mode: str(r, 'COMPATIBILITY_MODE'),
    status: str(r, 'STATUS'),
    logMode: str(r, 'LOG_MODE'),
  }));
}

export interface ArchiveRow {
  tenantId: number;
  destNo: number;
  status: string;
}

export async function selectArchiveStatus(db: Db, scope: Scope): Promise<ArchiveRow[]> {
  const rows = await db.query(
    'archive-status',
    `SELECT ${scope.tenantIdColumn}, DEST_NO, STATUS FROM ${scope.view('OB_ARCHIVELOG')}`,
  );
  return rows.map((r) => ({
    tenantId: num(r, 'TENANT_ID'),
    destNo: num(r, 'DEST_NO'),
    status: str(r, 'STATUS'),
  }));
}

export interface DestRow {
  tenantId: number;
  value: string;
}

export async function selectDataBackupDest(db: Db, scope: Scope): Promise<DestRow[]> {
  const rows = await db.query(
    'data-backup-dest',
    scope.bind(
      `SELECT ${scope.tenantIdColumn}, VALUE FROM ${scope.view('OB_BACKUP_PARAMETER')} WHERE NAME = ?`,
      ['data_backup_dest'],
    ),
  );
  return rows.map((r) => ({ tenantId: num(r, 'TENANT_ID'), value: pathOf(r, 'VALUE') }));
}
