import type { TFunction } from 'i18next';
import type { ValidationIssue } from '@obconsole/contracts';
import { i18n } from '../../i18n';
import { isApiError } from '../../lib/http';

/** A form field's error as antd's Form.setFields takes it. */
export interface FieldError {
  name: (string | number)[];
  errors: string[];
}

function issuesOf(error: unknown): ValidationIssue[] {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED') return [];
  const raw = error.details?.issues;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (i): i is ValidationIssue =>
      typeof i === 'object' &&
      i !== null &&
      typeof (i as ValidationIssue).path === 'string' &&
      typeof (i as ValidationIssue).message === 'string',
  );
}

/**
 * Whether the console refused an outbound address because of its allow-list
 * (ALERTS_ALLOWED_HOSTS): loopback, private ranges and unlisted hosts.
 */
export function isAllowListError(error: unknown): boolean {
  if (!isApiError(error)) return false;
  const said = [error.message, ...issuesOf(error).map((i) => i.message)].join(' ');
  return said.includes('ALERTS_ALLOWED_HOSTS');
}

/** A channel form's refusal that names the console's own missing settings (email without SMTP). */
function isNoSmtpError(error: unknown): boolean {
  return isApiError(error) && error.message.includes('SMTP_HOST');
}

/** The same refusal read from a delivery's or a test's error text. */
export function isAllowListText(text: string | null | undefined): boolean {
  return !!text && text.includes('ALERTS_ALLOWED_HOSTS');
}

/**
 * The server's 400 as errors at the form's fields. `fieldOf` maps a request path
 * ('params.minutes', 'to.2') to the form's field name, or undefined when no field shows it.
 * English shows the server's own sentence (it names the limit); other languages show the
 * field's translated rule, since the server speaks English only.
 */
export function fieldErrors(
  t: TFunction,
  error: unknown,
  fieldOf: (path: string) => (string | number)[] | undefined,
): { fields: FieldError[]; unplaced: string[] } {
  const byField = new Map<string, FieldError>();
  const unplaced: string[] = [];
  if (isAllowListError(error)) {
    const name = fieldOf('url');
    if (name) return { fields: [{ name, errors: [t('alerts.allowList')] }], unplaced };
  }
  if (isNoSmtpError(error)) {
    const name = fieldOf('kind');
    if (name) return { fields: [{ name, errors: [t('alerts.channelForm.noSmtp')] }], unplaced };
  }
  // A refusal of one field the service found (not the schema): its name in params.fields.
  const one =
    isApiError(error) && error.code === 'VALIDATION_FAILED' ? error.params?.fields : undefined;
  if (issuesOf(error).length === 0 && typeof one === 'string' && !one.includes(',')) {
    const name = fieldOf(one);
    const key = `alerts.fieldErrors.${one}`;
    const text =
      i18n.language !== 'en' && i18n.exists(key)
        ? (t as (k: string) => string)(key)
        : (error as Error).message;
    if (name) return { fields: [{ name, errors: [text] }], unplaced };
  }
  for (const issue of issuesOf(error)) {
    const name = fieldOf(issue.path);
    const key = `alerts.fieldErrors.${issue.path.replace(/\.\d+$/, '').replace(/\./g, '_')}`;
    const own = i18n.language !== 'en' && i18n.exists(key) ? (t as (k: string) => string)(key) : '';
    const text = own || issue.message;
    if (!name) {
      unplaced.push(`${issue.path}: ${text}`);
      continue;
    }
    const id = name.join('.');
    const entry = byField.get(id) ?? { name, errors: [] };
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byField.set(id, entry);
  }
  return { fields: [...byField.values()], unplaced };
}
