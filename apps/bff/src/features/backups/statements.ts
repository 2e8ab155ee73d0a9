import type { BackupType, TenantMode } from '@obconsole/contracts';
import { quoteTenant, stringLiteral } from '../../lib/sql-literals.js';

export interface BackupStatementInput {
  type: BackupType;
  /** null: the whole scope of the session (every tenant from sys, itself from a tenant). */
  tenants: string[] | null;
  plusArchivelog: boolean;
  description?: string;
  mode: TenantMode;
  /** As the session that runs it reads literals (see stringLiteral); by default MySQL mode's. */
  backslashEscapes?: boolean;
}

/**
 * ALTER SYSTEM BACKUP [INCREMENTAL] {DATABASE | TENANT = a, b} [PLUS ARCHIVELOG] [DESCRIPTION = '…'].
 * Names reach here only after matching the live tenant list.
 */
export function backupStatement(i: BackupStatementInput): string {
  const parts = ['ALTER SYSTEM BACKUP'];
  if (i.type === 'incremental') parts.push('INCREMENTAL');
  parts.push(i.tenants ? `TENANT = ${i.tenants.map(quoteTenant).join(', ')}` : 'DATABASE');
  if (i.plusArchivelog) parts.push('PLUS ARCHIVELOG');
  if (i.description)
    parts.push(`DESCRIPTION = ${stringLiteral(i.description, i.mode, i.backslashEscapes)}`);
  return parts.join(' ');
}

export const MASKED_PASSWORD = "'******'";

export function encryptionStatement(
  password: string,
  mode: TenantMode,
  backslashEscapes?: boolean,
): string {
  return `SET ENCRYPTION ON IDENTIFIED BY ${stringLiteral(password, mode, backslashEscapes)} ONLY`;
}

export function maskedEncryptionStatement(): string {
  return `SET ENCRYPTION ON IDENTIFIED BY ${MASKED_PASSWORD} ONLY`;
}

export function cancelStatement(tenants: string[] | null): string {
  return tenants
    ? `ALTER SYSTEM CANCEL BACKUP TENANT = ${tenants.map(quoteTenant).join(', ')}`
    : 'ALTER SYSTEM CANCEL BACKUP';
}
