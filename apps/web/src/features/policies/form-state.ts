import {
  CronError,
  checkedCron,
  isTimeZone,
  nextSlots,
  type CreatePolicyRequest,
  type Policy,
  type Slot,
  type UpdatePolicyRequest,
} from '@obconsole/contracts';
import type { TFunction } from 'i18next';
import { cronToPicker, pickerToCron, type PickerValue } from './schedule-picker';
import {
  checkConfirmation,
  checkDescription,
  checkPassword,
} from '../../components/backup-validation';
import type { EncryptionValue } from '../../components/encryption-step';
import { isApiError } from '../../lib/http';
import { errorText } from '../../lib/server-text';

/** What the policy form holds; turned into the API's request only on save. */
export interface PolicyDraft {
  name: string;
  scope: 'all' | 'selected';
  tenants: string[];
  full: PickerValue;
  incrementalOn: boolean;
  incremental: PickerValue;
  timeZone: string;
  plusArchivelog: boolean;
  description: string;
  catchUpMinutes: number;
  enabled: boolean;
  /** A new password (or the first one); with `passwordAction` on an existing policy. */
  encryption: EncryptionValue;
  /** An existing policy's password: keep it, change it or remove it. */
  passwordAction: 'keep' | 'change' | 'remove';
}

export type DraftField =
  | 'name'
  | 'tenants'
  | 'full'
  | 'incremental'
  | 'timeZone'
  | 'description'
  | 'catchUpMinutes'
  | 'password'
  | 'confirm';

export type DraftErrors = Partial<Record<DraftField, string>>;

export function browserTimeZone(): string {
  const z = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return z && isTimeZone(z) ? z : 'UTC';
}

export function newDraft(unattended: boolean): PolicyDraft {
  return {
    name: '',
    scope: 'all',
    tenants: [],
    full: { ...cronToPicker('0 2 * * 0') },
    incrementalOn: true,
    incremental: { ...cronToPicker('0 2 * * 1,2,3,4,5,6') },
    timeZone: browserTimeZone(),
    plusArchivelog: false,
    description: '',
    catchUpMinutes: 60,
    // Without a service account the server refuses an enabled policy: start paused.
    enabled: unattended,
    encryption: { encrypt: false, password: '', confirm: '' },
    passwordAction: 'keep',
  };
}

export function draftOf(p: Policy): PolicyDraft {
  return {
    name: p.name,
    scope: p.tenants === 'all' ? 'all' : 'selected',
    tenants: p.tenants === 'all' ? [] : p.tenants,
    full: cronToPicker(p.full.cron),
    incrementalOn: p.incremental !== null,
    incremental: cronToPicker(p.incremental?.cron ?? '0 2 * * 1,2,3,4,5,6'),
    timeZone: p.timeZone,
    plusArchivelog: p.plusArchivelog,
    description: p.description,
    catchUpMinutes: p.catchUpMinutes,
    enabled: p.enabled,
    encryption: { encrypt: false, password: '', confirm: '' },
    passwordAction: 'keep',
  };
}

/** A schedule's problem in the reader's words, or undefined when the line runs. */
function cronProblem(t: TFunction, v: PickerValue, zone: string): string | undefined {
  const line = pickerToCron(v);
  if (line === null)
    return v.frequency === 'cron'
      ? t('policies.form.errors.fullRequired')
      : v.frequency === 'weekly'
        ? t('policies.form.errors.pickWeekday')
        : v.frequency === 'monthly'
          ? t('policies.form.errors.pickMonthDay')
          : t('policies.form.errors.pickTime');
  try {
    checkedCron(line, isTimeZone(zone) ? zone : 'UTC');
    return undefined;
  } catch (e) {
    if (!(e instanceof CronError)) throw e;
    return t('policies.form.errors.cron', {
      field: t(`policies.cronField.${e.field}` as never),
      detail: e.message,
    });
  }
}

/** The form's own checks (the server checks again; its answers land on the same fields). */
export function checkDraft(
  t: TFunction,
  d: PolicyDraft,
  opts: { isSys: boolean; editingEncrypted: boolean },
): DraftErrors {
  const e: DraftErrors = {};
  if (!d.name.trim()) e.name = t('policies.form.errors.nameRequired');
  else if (d.name.trim().length > 64) e.name = t('policies.form.errors.nameTooLong');
  // As the contract's PolicyName: jobs carry `policy:<name>`, read back up to the first space.
  else if (!/^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u.test(d.name.trim()))
    e.name = t('policies.form.errors.nameChars');
  if (opts.isSys && d.scope === 'selected' && d.tenants.length === 0)
    e.tenants = t('policies.form.errors.tenantsRequired');
  e.full = cronProblem(t, d.full, d.timeZone);
  if (d.incrementalOn) e.incremental = cronProblem(t, d.incremental, d.timeZone);
  if (!isTimeZone(d.timeZone)) e.timeZone = t('policies.form.errors.timeZone');
  const desc = checkDescription(d.description);
  if (desc) e.description = t(`backup.${desc}`, { max: 256 });
  if (!Number.isInteger(d.catchUpMinutes) || d.catchUpMinutes < 0 || d.catchUpMinutes > 1440)
    e.catchUpMinutes = t('policies.form.errors.catchUp');
  const settingPassword = opts.editingEncrypted
    ? d.passwordAction === 'change'
    : d.encryption.encrypt;
  if (settingPassword) {
    const p = checkPassword(d.encryption.password);
    if (p) e.password = t(`backup.${p}`, { max: 128 });
    else if (checkConfirmation(d.encryption.password, d.encryption.confirm))
      e.confirm = t('backup.passwordMismatch');
  }
  for (const k of Object.keys(e) as DraftField[]) if (e[k] === undefined) delete e[k];
  return e;
}

/** The next slots the draft would run, as the server computes them (same code), or null. */
export function previewOf(d: PolicyDraft, now: number, count = 10): Slot[] | null {
  const full = pickerToCron(d.full);
  const inc = d.incrementalOn ? pickerToCron(d.incremental) : null;
  if (!full || !isTimeZone(d.timeZone) || (d.incrementalOn && !inc)) return null;
  try {
    return nextSlots(
      {
        full: checkedCron(full, d.timeZone),
        incremental: inc ? checkedCron(inc, d.timeZone) : null,
        timeZone: d.timeZone,
      },
      now,
      count,
    );
  } catch (e) {
    if (e instanceof CronError) return null;
    throw e;
  }
}

function common(d: PolicyDraft, ownTenant: string, isSys: boolean) {
  return {
    name: d.name.trim(),
    tenants: isSys ? (d.scope === 'all' ? ('all' as const) : d.tenants) : [ownTenant],
    full: { cron: pickerToCron(d.full) ?? '' },
    incremental: d.incrementalOn ? { cron: pickerToCron(d.incremental) ?? '' } : null,
    timeZone: d.timeZone,
    plusArchivelog: d.plusArchivelog,
    description: d.description,
    catchUpMinutes: d.catchUpMinutes,
  };
}

export function createRequest(
  d: PolicyDraft,
  ownTenant: string,
  isSys: boolean,
): CreatePolicyRequest {
  return {
    ...common(d, ownTenant, isSys),
    enabled: d.enabled,
    ...(d.encryption.encrypt ? { encryptionPassword: d.encryption.password } : {}),
  };
}

export function updateRequest(
  d: PolicyDraft,
  ownTenant: string,
  isSys: boolean,
  encrypted: boolean,
): UpdatePolicyRequest {
  const password =
    encrypted && d.passwordAction === 'remove'
      ? { encryptionPassword: null }
      : (encrypted && d.passwordAction === 'change') || (!encrypted && d.encryption.encrypt)
        ? { encryptionPassword: d.encryption.password }
        : {};
  return { ...common(d, ownTenant, isSys), ...password };
}

const FIELD_OF: Record<string, DraftField> = {
  name: 'name',
  tenants: 'tenants',
  full: 'full',
  incremental: 'incremental',
  timeZone: 'timeZone',
  description: 'description',
  catchUpMinutes: 'catchUpMinutes',
  encryptionPassword: 'password',
};

const CODE_FIELD: Record<string, DraftField> = {
  TENANT_NOT_FOUND: 'tenants',
  NOT_A_USER_TENANT: 'tenants',
  POLICY_NAME_TAKEN: 'name',
};

/**
 * A refused save, placed at the fields it names: a 400's issues by their path, a code that is
 * about one field (a tenant that does not exist, a name already used) at that field. What is
 * left (null when nothing) is shown above the buttons.
 */
export function serverErrors(t: TFunction, error: unknown): { fields: DraftErrors; rest: boolean } {
  if (!isApiError(error)) return { fields: {}, rest: true };
  const fields: DraftErrors = {};
  const issues = error.details?.issues;
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(issues)) {
    let rest = false;
    for (const i of issues as { path?: unknown; message?: unknown }[]) {
      const top = typeof i.path === 'string' ? i.path.split('.')[0]! : '';
      const f = FIELD_OF[top];
      const msg = typeof i.message === 'string' ? i.message : '';
      if (f) fields[f] = fields[f] ? `${fields[f]} ${msg}` : msg;
      else rest = true;
    }
    return { fields, rest };
  }
  const field =
    CODE_FIELD[error.code] ??
    (typeof error.details?.field === 'string' ? FIELD_OF[error.details.field] : undefined) ??
    (/NAME/.test(error.code) ? 'name' : undefined);
  if (field) return { fields: { [field]: errorText(t, error) }, rest: false };
  return { fields: {}, rest: true };
}
