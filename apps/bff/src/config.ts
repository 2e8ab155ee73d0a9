import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ServerLimits } from './lib/http-server.js';
import type { Caps } from './lib/deps.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every setting the BFF reads, from the environment, parsed once. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  /** Unset: start the embedded OceanBase simulator (the demo default). */
  OB_HOST: z.string().min(1).optional(),
  OB_PORT: z.coerce.number().int().min(1).max(65535).default(2881),
  /** OBProxy cluster name: logins become user@tenant#cluster. */
  OB_CLUSTER: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,128}$/, 'OB_CLUSTER is a cluster name: letters, digits, _ . -')
    .optional(),
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
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  sessionSecret: string;
  /** A secret generated at start-up: sessions do not survive a restart. */
  sessionSecretGenerated: boolean;
  database: { host: string; port: number; cluster?: string } | null;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  trustProxy: boolean;
  publicOrigin?: string;
  loginRateLimit: { max: number; windowMs: number; perAddress: number };
  server: ServerLimits;
  queueLimit: number;
  caps: Caps;
  allowedHosts?: string[];
  logLevel: Env['LOG_LEVEL'];
  webDist?: string;
  simulator: {
    port: number;
    /** null: no control channel. */
    controlPort: number | null;
    speed: number;
    seedHistory: number;
    dataFile?: string;
  };
}

export class ConfigError extends Error {}

/** Parses the environment once; throws ConfigError listing every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.SESSION_IDLE_SECONDS_TEST !== undefined && e.NODE_ENV !== 'test') {
    throw new ConfigError(
      'Invalid configuration:\n  SESSION_IDLE_SECONDS_TEST: only with NODE_ENV=test; use SESSION_IDLE_MINUTES',
    );
  }
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  SESSION_SECRET: required in production (32+ characters)',
    );
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    sessionSecretGenerated: !e.SESSION_SECRET,
    database: e.OB_HOST ? { host: e.OB_HOST, port: e.OB_PORT, cluster: e.OB_CLUSTER } : null,
    connectTimeoutMs: e.OB_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: e.OB_QUERY_TIMEOUT_MS,
    sessionIdleMs:
      e.SESSION_IDLE_SECONDS_TEST !== undefined
        ? e.SESSION_IDLE_SECONDS_TEST * 1000
        : e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    trustProxy: e.TRUST_PROXY,
    publicOrigin: e.PUBLIC_ORIGIN,
    loginRateLimit: {
      max: e.LOGIN_RATE_LIMIT,
      windowMs: e.LOGIN_RATE_WINDOW_MINUTES * 60_000,
      perAddress: e.LOGIN_ADDRESS_LIMIT,
    },
    server: {
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: Math.min(e.HTTP_HEADERS_TIMEOUT_MS, e.HTTP_REQUEST_TIMEOUT_MS),
      maxConnections: e.MAX_CONNECTIONS,
      maxConnectionsPerAddress:
        e.MAX_CONNECTIONS_PER_ADDRESS ?? (e.TRUST_PROXY ? e.MAX_CONNECTIONS : 64),
    },
    queueLimit: e.OB_QUEUE_LIMIT,
    caps: {
      sessionsPerAccount: e.MAX_SESSIONS_PER_ACCOUNT,
      streamsPerSession: e.MAX_STREAMS_PER_SESSION,
    },
    allowedHosts: e.ALLOWED_HOSTS?.split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST,
    simulator: {
      port: e.SIM_PORT,
      controlPort: e.SIM_CONTROL === 'off' ? null : e.SIM_CONTROL_PORT,
      speed: e.SIM_SPEED,
      seedHistory: e.SIM_SEED_HISTORY,
      dataFile: e.SIM_DATA_FILE,
    },
  };
}
