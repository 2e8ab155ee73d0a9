/** The dialog's own checks, with the contract's limits (backups.ts: Description, EncryptionPassword). */
export const DESCRIPTION_MAX = 256;
export const PASSWORD_MAX = 128;

export type DescriptionError = 'descriptionTooLong' | 'descriptionControl';
export type PasswordError = 'passwordRequired' | 'passwordTooLong' | 'passwordNul';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function checkDescription(d: string): DescriptionError | undefined {
  if (d.length > DESCRIPTION_MAX) return 'descriptionTooLong';
  if (CONTROL.test(d)) return 'descriptionControl';
  return undefined;
}

export function checkPassword(p: string): PasswordError | undefined {
  if (p.length === 0) return 'passwordRequired';
  if (p.length > PASSWORD_MAX) return 'passwordTooLong';
  if (p.includes('\0')) return 'passwordNul';
  return undefined;
}

export function checkConfirmation(p: string, confirm: string): 'passwordMismatch' | undefined {
  return p === confirm ? undefined : 'passwordMismatch';
}
