import { z } from 'zod';
import { TenantMode, TenantName, hasLoneSurrogate } from './common.js';

export const LoginRequest = z.strictObject({
  tenant: TenantName.default('sys'),
  user: z
    .string()
    .min(1, 'enter a database user')
    .max(128)
    .regex(/^[^@#:\s\0]+$/, 'a user name has no @, #, : or spaces (put the tenant in its own field)'),
  password: z
    .string()
    .max(1024)
    .refine((p) => !p.includes('\0'), 'a password cannot contain NUL')
    .refine((p) => !hasLoneSurrogate(p), 'the password contains an unpaired surrogate (a broken character): retype it'),
});
export type LoginRequest = z.input<typeof LoginRequest>;

export const SessionInfo = z.object({
  user: z.string(),
  tenant: z.string(),
  tenantId: z.number().int(),
  mode: TenantMode,
  isSys: z.boolean(),
  /** The account holds ALTER SYSTEM: it may start and cancel backups. */
  canBackup: z.boolean(),
  serverVersion: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const HealthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['up', 'down']),
  /** True when the console runs on the embedded OceanBase simulator. */
  simulated: z.boolean(),
  /** Demo logins, only when simulated. */
  demoAccounts: z.array(z.object({ tenant: z.string(), user: z.string(), role: z.string() })).optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
