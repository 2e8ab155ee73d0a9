import type { TFunction } from 'i18next';
import type { MessageParams, PreconditionCheck } from '@obconsole/contracts';
import { i18n } from '../i18n';
import type { en } from '../i18n/en';
import { isApiError } from './http';

type EnumGroup = keyof typeof en.enums;

/** An OceanBase enum value in the user's language; the raw value when it is one we do not know. */
export function enumLabel(
  t: TFunction,
  group: EnumGroup,
  value: string | null | undefined,
): string {
  const v = value ?? 'none';
  const key = `enums.${group}.${v}`;
  return i18n.exists(key) ? t(key as never) : (value ?? '—');
}

/** Which params of a code's sentence are OceanBase enum values, and of which set. */
const ENUM_PARAMS: Partial<Record<string, Record<string, EnumGroup | 'jobStatus'>>> = {
  TENANT_NOT_NORMAL: { status: 'tenantStatus' },
  LOG_ARCHIVE_NOT_DOING: { status: 'archiveStatus' },
  BACKUP_IN_PROGRESS: { status: 'jobStatus' },
  NOT_A_USER_TENANT: { type: 'tenantType' },
};

function localParams(
  t: TFunction,
  code: string,
  params: MessageParams,
): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  for (const [name, group] of Object.entries(ENUM_PARAMS[code] ?? {})) {
    const v = params[name];
    if (typeof v !== 'string') continue;
    out[name] =
      group === 'jobStatus'
        ? i18n.exists(`status.${v}`)
          ? t(`status.${v}` as never)
          : v
        : enumLabel(t, group, v);
  }
  return out;
}

function lookup(
  t: TFunction,
  key: string,
  code: string,
  params: MessageParams,
): string | undefined {
  if (!i18n.exists(key)) return undefined;
  // Keys are built at run time from a code, so they cannot be checked against the typed resources.
  const dynamicT = t as unknown as (k: string, o: Record<string, unknown>) => string;
  return dynamicT(key, localParams(t, code, params));
}

/** Whether a sentence names the tenant itself (then it needs no "tenant:" in front). */
function namesTenant(key: string): boolean {
  const raw: unknown =
    i18n.getResource(i18n.language, 'translation', key) ??
    i18n.getResource('en', 'translation', key);
  return typeof raw === 'string' && raw.includes('{{tenant}}');
}

/**
 * The sentence of a BFF error or refusal in the user's language: looked up by code (and
 * variant), filled from its params; a code or variant the web does not know keeps the server's
 * English. A refused precondition reads as its check does, prefixed with the tenant.
 */
export function serverText(
  t: TFunction,
  code: string,
  params: MessageParams | undefined,
  fallback: string,
): string {
  const p = params ?? {};
  const variant = typeof p.variant === 'string' ? `_${p.variant}` : '';
  const own = lookup(t, `serverErrors.${code}${variant}`, code, p);
  if (own !== undefined) return own;
  const checkKey = `checks.${code}.fail${variant}`;
  const check = params ? lookup(t, checkKey, code, p) : undefined;
  if (check !== undefined) {
    const tenant = typeof p.tenant === 'string' ? p.tenant : undefined;
    return tenant && !namesTenant(checkKey)
      ? t('refusals.forTenant', { tenant, text: check })
      : check;
  }
  return fallback;
}

/** One precondition check's sentence (passed or failed) in the user's language. */
export function checkText(
  t: TFunction,
  check: Pick<PreconditionCheck, 'code' | 'ok' | 'message' | 'params'>,
): string {
  if (!check.params) return check.message;
  const p = check.params;
  const variant = !check.ok && typeof p.variant === 'string' ? `_${p.variant}` : '';
  return (
    lookup(t, `checks.${check.code}.${check.ok ? 'ok' : 'fail'}${variant}`, check.code, p) ??
    check.message
  );
}

/** An error thrown by a request (or anything else) as one sentence in the user's language. */
export function errorText(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    if (error.code === 'NETWORK_ERROR' || error.code === 'BAD_RESPONSE')
      return t(`clientErrors.${error.code}` as never);
    return serverText(t, error.code, error.params, error.message);
  }
  return error instanceof Error ? error.message : String(error);
}
