import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { EnvSchema } from './config-env.js';
import { loadClustersFile, singleClusterFromEnv, type ClusterSetting } from './config-clusters.js';
import type { ServerLimits } from './lib/http-server.js';
import type { Caps } from './lib/deps.js';
import { redisSettingsFromEnv, type RedisSettings } from './scale/redis-settings.js';

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  sessionSecret: string;
  /** A secret generated at start-up: sessions do not survive a restart. */
  sessionSecretGenerated: boolean;
  /** The configured clusters; null: the embedded simulated clusters (server.ts starts them). */
  clusters: ClusterSetting[] | null;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  trustProxy: boolean;
  publicOrigin?: string;
  loginRateLimit: { max: number; windowMs: number; perAddress: number };
  server: ServerLimits;
  queueLimit: number;
  /** Connections open at once per account and per cluster (lib/connection-budget.ts). */
  connectionBudget: { perAccount: number; perCluster: number };
  connectionIdleMs: number;
  caps: Caps;
  allowedHosts?: string[];
  logLevel: Env['LOG_LEVEL'];
  /** Shared state of several instances; null: in memory (one instance). */
  redis: RedisSettings | null;
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

export type { ClusterSetting, ServiceAccount } from './config-clusters.js';

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
  const problems: string[] = [];
  let clusters: ClusterSetting[] | null = null;
  if (e.CLUSTERS_FILE && e.OB_HOST) {
    problems.push('  CLUSTERS_FILE: set either CLUSTERS_FILE or OB_HOST, not both');
  } else if (e.CLUSTERS_FILE) {
    const loaded = loadClustersFile(e.CLUSTERS_FILE, source);
    if ('problems' in loaded)
      throw new ConfigError(
        `Invalid clusters file ${e.CLUSTERS_FILE}:\n${loaded.problems.join('\n')}`,
      );
    clusters = loaded.clusters;
  } else if (e.OB_HOST) {
    clusters = [singleClusterFromEnv({ ...e, OB_HOST: e.OB_HOST }, problems)];
  }
  if (e.OB_MAX_CONNECTIONS_PER_ACCOUNT > e.OB_MAX_CONNECTIONS_PER_CLUSTER) {
    problems.push(
      `  OB_MAX_CONNECTIONS_PER_ACCOUNT: ${e.OB_MAX_CONNECTIONS_PER_ACCOUNT} is more than OB_MAX_CONNECTIONS_PER_CLUSTER (${e.OB_MAX_CONNECTIONS_PER_CLUSTER}); lower it or raise the cluster's`,
    );
  }
  const redis = redisSettingsFromEnv(e, problems);
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    sessionSecretGenerated: !e.SESSION_SECRET,
    clusters,
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
    connectionBudget: {
      perAccount: e.OB_MAX_CONNECTIONS_PER_ACCOUNT,
      perCluster: e.OB_MAX_CONNECTIONS_PER_CLUSTER,
    },
    connectionIdleMs: e.OB_CONNECTION_IDLE_SECONDS * 1000,
    caps: {
      sessionsPerAccount: e.MAX_SESSIONS_PER_ACCOUNT,
      streamsPerSession: e.MAX_STREAMS_PER_SESSION,
    },
    allowedHosts: e.ALLOWED_HOSTS?.split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL,
    redis,
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
