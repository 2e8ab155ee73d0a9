import type { TFunction } from 'i18next';

export interface LoginValues {
  tenant: string;
  user: string;
  password: string;
}

export type LoginField = keyof LoginValues;
export type LoginErrors = Partial<Record<LoginField, string>>;

// Same rules as the contract (LoginRequest), checked before the request is sent. Plain checks
// rather than the contract's zod schema: zod would be most of /login's own download.
const TENANT_RE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const USER_RE = /^[^@#:\s\0]+$/;

/** One field's problem, in the user's language, or undefined when it is fine. */
export function fieldError(t: TFunction, field: LoginField, value: string): string | undefined {
  const v = value.trim();
  if (field === 'tenant') {
    if (v === '') return t('login.tenantRequired');
    if (!TENANT_RE.test(v)) return t('login.tenantInvalid');
  }
  if (field === 'user') {
    if (v === '') return t('login.userRequired');
    if (!USER_RE.test(v)) return t('login.userInvalid');
  }
  return undefined;
}

/** Every field's problem, in the form's order (the first one gets the focus). */
export function validateLogin(t: TFunction, values: LoginValues): LoginErrors {
  const errors: LoginErrors = {};
  for (const field of ['tenant', 'user', 'password'] as const) {
    const e = fieldError(t, field, values[field]);
    if (e) errors[field] = e;
  }
  return errors;
}
