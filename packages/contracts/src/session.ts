import { z } from 'zod';
import { TenantMode, TenantName, hasLoneSurrogate } from './common.js';

export const LoginRequest = z.strictObject({
  tenant: TenantName.default('sys'),
  user: z
    .string()
    .min(1, 'enter a database user')
    .max(128)
    .regex(
      /^[^@#:\s\0]+$/,
      'a user name has no @, #, : or spaces (put the tenant in its own field)',
    ),
  password: z
    .string()
    .max(1024)
    .refine((p) => !p.includes('\0'), 'a password cannot contain NUL')
    .refine(
      (p) => !hasLoneSurrogate(p),
      'the password contains an unpaired surrogate (a broken character): retype it',
    ),
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

/**
 * GET /api/session/status: whether this browser is signed in, answered 200 either way (a page
 * load is not an error), and when the session will end. Reading it is not activity.
 */
export const SessionStatus = z.discriminatedUnion('signedIn', [
  z.object({
    signedIn: z.literal(true),
    session: SessionInfo,
    /** When the session idles out unless something happens (a request, or watching a running backup). */
    idleExpiresAt: z.string(),
    /** When it ends whatever happens. */
    absoluteExpiresAt: z.string(),
    /** The server's clock when it answered: a client counts down from it, not from its own clock. */
    serverTime: z.string(),
    idleTimeoutSeconds: z.number(),
  }),
  z.object({
    signedIn: z.literal(false),
    /** expired: this browser had a session that timed out; none: it had none (or logged out). */
    reason: z.enum(['expired', 'none']),
  }),
]);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const HealthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['up', 'down']),
  /** True when the console runs on the embedded OceanBase simulator. */
  simulated: z.boolean(),
  /** The address the console could not reach (host:port), only while the database is down. */
  unreachable: z.string().optional(),
  /** Demo logins, only when simulated. */
  demoAccounts: z
    .array(
      z.object({
        tenant: z.string(),
        user: z.string(),
        role: z.string(),
        /** Stable key of the role, for the web to say it in the user's language. */
        roleKey: z
          .enum(['operator', 'tenantAdminMysql', 'tenantAdminOracle', 'support'])
          .optional(),
      }),
    )
    .optional(),
  /** Each configured cluster's reachability; `database` above is 'up' only when all are. */
  clusters: z
    .array(
      z.object({
        id: z.string(),
        database: z.enum(['up', 'down']),
        /** host:port the console could not reach, only while this cluster is down. */
        unreachable: z.string().optional(),
      }),
    )
    .optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** GET /api/health/ready: 200 when this instance can serve, 503 (same body) when not. */
export const ReadyResponse = z.object({
  ready: z.boolean(),
  /** True while the instance shuts down: a load balancer sends it nothing new. */
  draining: z.boolean(),
  store: z.enum(['up', 'down']),
  /** 'none': one instance, no Redis configured. */
  redis: z.enum(['up', 'down', 'none']),
  clusters: z.array(z.object({ id: z.string(), database: z.enum(['up', 'down']) })),
});
export type ReadyResponse = z.infer<typeof ReadyResponse>;
