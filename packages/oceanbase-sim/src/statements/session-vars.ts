import { formatTimeZone, parseTimeZone } from '../catalog/time.js';
import type { EncryptionSetting } from '../engine/engine.js';
import { ObErrors } from '../errors.js';
import type { SetValue } from './parser.js';
import type { TenantGlobals } from './globals.js';

/** The user variables `SET ENCRYPTION` / `SET DECRYPTION` write, as OceanBase's executor does. */
export const ENC_MODE_VAR = '__ob_backup_encryption_mode__';
export const ENC_PASSWD_VAR = '__ob_backup_encryption_passwd__';
export const DECRYPTION_VAR = '__ob_backup_decryption_passwd_array__';

/** One session's system and user variables, and the time zone offset `time_zone` sets. */
export class SessionVariables {
  readonly uservars = new Map<string, string | number | null>();
  offsetMinutes = 480;

  constructor(
    readonly sysvars: Map<string, string | number>,
    private readonly globals: TenantGlobals,
    private readonly tenantId: number,
  ) {}

  readSysvar(raw: string): string | number | null {
    const parts = raw.toLowerCase().split('.');
    const name =
      parts.length === 2 && ['session', 'global', 'local'].includes(parts[0] ?? '')
        ? (parts[1] ?? '')
        : raw.toLowerCase();
    const v = this.sysvars.get(name);
    if (v === undefined) throw ObErrors.unknownSysvar(name);
    return v;
  }

  set(scope: 'session' | 'global' | 'user', name: string, value: SetValue): void {
    let v: string | number | null;
    switch (value.kind) {
      case 'string':
        v = value.value;
        break;
      case 'number':
        v = Number(value.value);
        break;
      case 'null':
        v = null;
        break;
      case 'sysvar':
        v = this.readSysvar(value.name);
        break;
      case 'word':
        v = value.value;
        break;
    }
    if (scope === 'user') {
      this.uservars.set(name, v);
      return;
    }
    if (!this.sysvars.has(name)) throw ObErrors.unknownSysvar(name);
    if (scope === 'global' && name === 'sql_mode') {
      // As in MySQL: the tenant's later sessions get it, this one keeps its own.
      this.globals.set(this.tenantId, name, String(v ?? ''));
      return;
    }
    if (name === 'time_zone') {
      const text = v === null ? '' : String(v);
      const off =
        value.kind === 'word' && text.toUpperCase() === 'DEFAULT' ? 480 : parseTimeZone(text);
      if (off === null) throw ObErrors.unknownTimeZone(text);
      this.offsetMinutes = off;
      this.sysvars.set(
        'time_zone',
        text.toUpperCase() === 'SYSTEM' ? 'SYSTEM' : formatTimeZone(off),
      );
      return;
    }
    if (name === 'autocommit' || name === 'foreign_key_checks' || name === 'sql_auto_is_null') {
      const s = String(v).toUpperCase();
      this.sysvars.set(name, s === 'ON' || s === '1' || s === 'TRUE' ? 1 : 0);
      return;
    }
    if (value.kind === 'word' && String(v).toUpperCase() === 'DEFAULT') return;
    this.sysvars.set(name, v ?? '');
  }

  encryption(): EncryptionSetting {
    const mode = this.uservars.get(ENC_MODE_VAR);
    if (mode === undefined || mode === null) return { mode: 'NONE', passwd: '' };
    return {
      mode: String(mode).toUpperCase() === 'PASSWORD' ? 'PASSWORD' : 'NONE',
      passwd: String(this.uservars.get(ENC_PASSWD_VAR) ?? ''),
    };
  }
}
