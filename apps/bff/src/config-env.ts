import { z } from 'zod';
import { ClusterId } from '@obconsole/contracts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every setting the BFF reads, from the environment, parsed once. */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  /** A JSON file listing the clusters (config-clusters.ts); excludes OB_HOST. */
  CLUSTERS_FILE: z.string().min(1).optional(),
  /** Unset (and no CLUSTERS_FILE): start the two embedded simulated clusters (the demo default). */
  OB_HOST: z.string().min(1).optional(),
  OB_PORT: z.coerce.number().int().min(1).max(65535).default(2881),
  /** OBProxy cluster name: logins become user@tenant#cluster. */
  OB_CLUSTER: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,128}$/, 'OB_CLUSTER is a cluster name: letters, digits, _ . -')
    .optional(),
  /** The one cluster's id and display name when OB_HOST is set. */
  OB_CLUSTER_ID: ClusterId.default('default'),
  OB_CLUSTER_NAME: z.string().min(1).max(200).optional(),
  /** The one cluster's service account (user, or user@sys), for work nobody watches. */
  OB_SERVICE_USER: z.string().min(1).max(200).optional(),
  OB_SERVICE_PASSWORD_FILE: z.string().min(1).optional(),
  OB_SERVICE_PASSWORD: z.string().min(1).optional(),
  OB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(3000),
  OB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(500).max(300_000).default(15_000),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Tests only (NODE_ENV=test): an idle timeout in seconds, so a journey can outlast it. */
  SESSION_IDLE_SECONDS_TEST: z.coerce.number().int().min(5).max(3600).optional(),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 7)
    .default(12),
  /** Set when the BFF runs behind a TLS-terminating proxy: trusts X-Forwarded-* and marks the cookie Secure. */
  TRUST_PROXY: bool.default(false),
  /** The console's public origin (https://console.example.com) when it differs from the Host header. */
  PUBLIC_ORIGIN: z.url().optional(),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  LOGIN_RATE_WINDOW_MINUTES: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Time to receive a whole request (headers and body); 0 is refused: it let slow bodies pile up. */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  MAX_CONNECTIONS: z.coerce.number().int().min(10).max(100_000).default(500),
  /** Behind a proxy every client shares the proxy's address: there it defaults to MAX_CONNECTIONS. */
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).optional(),
  /** Requests of one session waiting for a database connection; more are 503 DATABASE_BUSY. */
  OB_QUEUE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(20),
  /**
   * Database connections open at once for one account (all its sessions, its poller, the
   * watcher) and for one cluster (all accounts); a read beyond them waits its turn until its
   * request's deadline, then is 503 DATABASE_BUSY.
   */
  OB_MAX_CONNECTIONS_PER_ACCOUNT: z.coerce
    .number({ error: 'OB_MAX_CONNECTIONS_PER_ACCOUNT must be a whole number from 2 to 1000' })
    .int('OB_MAX_CONNECTIONS_PER_ACCOUNT must be a whole number from 2 to 1000')
    .min(
      2,
      'OB_MAX_CONNECTIONS_PER_ACCOUNT must be at least 2: a start holds one while reads go on',
    )
    .max(1000, 'OB_MAX_CONNECTIONS_PER_ACCOUNT must be at most 1000')
    .default(8),
  OB_MAX_CONNECTIONS_PER_CLUSTER: z.coerce
    .number({ error: 'OB_MAX_CONNECTIONS_PER_CLUSTER must be a whole number from 2 to 100000' })
    .int('OB_MAX_CONNECTIONS_PER_CLUSTER must be a whole number from 2 to 100000')
    .min(2, 'OB_MAX_CONNECTIONS_PER_CLUSTER must be at least 2')
    .max(100_000, 'OB_MAX_CONNECTIONS_PER_CLUSTER must be at most 100000')
    .default(64),
  /** A pooled connection nobody used for this long is closed. */
  OB_CONNECTION_IDLE_SECONDS: z.coerce
    .number({ error: 'OB_CONNECTION_IDLE_SECONDS must be a number of seconds from 1 to 3600' })
    .min(1, 'OB_CONNECTION_IDLE_SECONDS must be at least 1')
    .max(3600, 'OB_CONNECTION_IDLE_SECONDS must be at most 3600')
    .default(60),
  MAX_SESSIONS_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(20),
  MAX_STREAMS_PER_SESSION: z.coerce.number().int().min(1).max(1000).default(8),
  /** Failed logins from one address, across all accounts, per window. */
  LOGIN_ADDRESS_LIMIT: z.coerce.number().int().min(1).max(100_000).default(50),
  /** Host names the console answers to (comma-separated); PUBLIC_ORIGIN's host is always allowed. */
  ALLOWED_HOSTS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Built SPA to serve; empty disables static serving. */
  WEB_DIST: z.string().optional(),
  SIM_PORT: z.coerce.number().int().min(0).max(65535).default(2881),
  SIM_CONTROL_PORT: z.coerce.number().int().min(0).max(65535).default(2886),
  /** off: the embedded simulator runs without its control channel (nothing can reset it). */
  SIM_CONTROL: z.enum(['on', 'off']).default('on'),
  SIM_SPEED: z.coerce.number().positive().max(1000).default(1),
  SIM_SEED_HISTORY: z.coerce.number().int().min(0).max(1_000_000).default(400),
  SIM_DATA_FILE: z.string().optional(),
  /**
   * Several instances share sessions, login limits, idempotency keys, leases and pub/sub here
   * (redis:// or rediss://); unset: all of it in this process's memory (one instance).
   */
  REDIS_URL: z
    .url('REDIS_URL must be a URL such as redis://redis.internal:6379/0 (rediss:// for TLS)')
    .refine((u) => /^rediss?:\/\//.test(u), 'REDIS_URL must start with redis:// or rediss://')
    .refine(
      (u) => !/^rediss?:\/\/[^/@]*:[^/@]+@/.test(u),
      'REDIS_URL must not carry a password: put it in a file named by REDIS_PASSWORD_FILE',
    )
    .optional(),
  /** A file holding Redis's password (AUTH), never the password itself in the environment. */
  REDIS_PASSWORD_FILE: z.string().min(1).optional(),
  /** A Redis ACL user name, with REDIS_PASSWORD_FILE. */
  REDIS_USERNAME: z.string().min(1).max(200).optional(),
  /** rediss:// only: the CA bundle (PEM) that signed Redis's certificate. */
  REDIS_TLS_CA_FILE: z.string().min(1).optional(),
  /** rediss:// only: a client certificate and key (PEM) when Redis asks for one. */
  REDIS_TLS_CERT_FILE: z.string().min(1).optional(),
  REDIS_TLS_KEY_FILE: z.string().min(1).optional(),
  /** Prefix of every key and channel, so several consoles can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'REDIS_PREFIX: letters, digits, _ . : - (up to 64)')
    .default('obconsole:'),
});

export type Env = z.infer<typeof EnvSchema>;
