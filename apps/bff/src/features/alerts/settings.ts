import { z } from 'zod';
import { OutboundPolicy } from './channels/allowed-hosts.js';
import type { AlertsSettings } from './hub.js';

/** A bad ALERTS_* or SMTP_* variable: the message names each and what to write instead. */
export class AlertsConfigError extends Error {
  override name = 'AlertsConfigError';
}

const Env = z.object({
  ALERTS_ALLOWED_HOSTS: z.string().optional(),
  SMTP_HOST: z.string().trim().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_SECURITY: z.enum(['tls', 'starttls', 'none']).optional(),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().trim().min(3).optional(),
  SMTP_TLS_REJECT_UNAUTHORIZED: z.enum(['true', 'false']).optional(),
});

/**
 * The alert settings from the environment: ALERTS_ALLOWED_HOSTS (comma-separated host names,
 * addresses or CIDRs) and the SMTP server of email channels (SMTP_HOST, SMTP_PORT, SMTP_SECURITY
 * tls|starttls|none, SMTP_USER, SMTP_PASSWORD, SMTP_FROM, SMTP_TLS_REJECT_UNAUTHORIZED).
 */
export function alertsSettingsFromEnv(env: NodeJS.ProcessEnv): AlertsSettings {
  const r = Env.safeParse(env);
  if (!r.success)
    throw new AlertsConfigError(
      `Alert settings: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const e = r.data;
  const allowedHosts = (e.ALERTS_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    new OutboundPolicy(allowedHosts);
  } catch (err) {
    throw new AlertsConfigError(
      `ALERTS_ALLOWED_HOSTS: ${(err as Error).message} (write host names, addresses or CIDRs such as 10.0.0.0/8, comma-separated)`,
    );
  }
  if (!e.SMTP_HOST) return { allowedHosts };
  if (!e.SMTP_FROM)
    throw new AlertsConfigError(
      'SMTP_FROM: set the sender address of alert emails, e.g. obconsole@example.com',
    );
  if ((e.SMTP_USER === undefined) !== (e.SMTP_PASSWORD === undefined))
    throw new AlertsConfigError(
      'SMTP_USER and SMTP_PASSWORD: set both, or neither for a relay without login',
    );
  const security = e.SMTP_SECURITY ?? (e.SMTP_PORT === 465 ? 'tls' : 'starttls');
  return {
    allowedHosts,
    smtp: {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT ?? (security === 'tls' ? 465 : security === 'starttls' ? 587 : 25),
      security,
      user: e.SMTP_USER,
      password: e.SMTP_PASSWORD,
      from: e.SMTP_FROM,
      rejectUnauthorized: e.SMTP_TLS_REJECT_UNAUTHORIZED !== 'false',
    },
  };
}
