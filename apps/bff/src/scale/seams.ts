import type session from 'express-session';
import { RedisStore } from 'connect-redis';
import type { SecretBox } from '@obconsole/store';
import type { StartBackupResponse } from '@obconsole/contracts';
import { Db, type DbSettings } from '../lib/db.js';
import { Secret } from '../lib/secret.js';
import type { Logger } from '../lib/logger.js';
import type { DbTarget } from '../lib/db.js';
import { IdempotencyStore } from '../features/backups/idempotency.js';
import { LoginGuard, type LoginLimits } from '../features/session/login-guard.js';
import type { IdempotencyKeys } from '../seams/idempotency-keys.js';
import type { LoginLimiter } from '../seams/login-limits.js';
import { InMemorySessionEvents, type SessionEvents } from '../seams/session-events.js';
import { createInMemorySessionStore } from '../seams/session-store.js';
import type { SharedSignIns } from '../seams/shared-sign-ins.js';
import { RedisLoginLimiter } from '../seams/redis-login-limits.js';
import {
  RedisIdempotencyKeys,
  type RedisIdempotencyOptions,
} from '../seams/redis-idempotency-keys.js';
import { RedisSessionEvents } from '../seams/redis-session-events.js';
import { RedisSharedSignIns } from '../seams/redis-shared-sign-ins.js';
import { LocalLeases, RedisLeases, type Leases, type RedisLeaseOptions } from './leases.js';
import { connectRedis, type ScaleRedis } from './redis-runtime.js';
import type { PollerIntervals } from '../features/backups/poller.js';
import { PollerHub } from '../features/backups/poller-hub.js';
import { SharedPollerHub } from './shared-poller-hub.js';
import type { RedisSettings } from './redis-settings.js';

/**
 * What several instances share, prepared before the composition root runs (connecting and
 * subscribing are asynchronous; buildServices is not). Absent: one instance, in memory.
 */
export interface SharedState {
  redis: ScaleRedis;
  /** Seals each sign-in's database password (CONSOLE_SECRET_KEY). */
  box: SecretBox;
  events: RedisSessionEvents;
  /** The "jobs changed on cluster X" channel: the watcher's holder tells every instance. */
  jobs: JobsChannel;
  leaseOptions?: RedisLeaseOptions;
  idempotencyOptions?: RedisIdempotencyOptions;
}

export async function connectSharedState(
  settings: RedisSettings,
  box: SecretBox,
  log: Logger,
): Promise<SharedState> {
  const redis = await connectRedis(settings, log);
  return prepareSharedState(redis, box, log);
}

/** Subscribes this instance to the shared channels of an open Redis connection. */
export async function prepareSharedState(
  redis: ScaleRedis,
  box: SecretBox,
  log: Logger,
  options: Pick<SharedState, 'leaseOptions' | 'idempotencyOptions'> = {},
): Promise<SharedState> {
  const events = await RedisSessionEvents.create(redis, log);
  const jobs = await RedisJobsChannel.create(redis);
  return { redis, box, events, jobs, ...options };
}

/** "Jobs changed on this cluster": local for one instance, over pub/sub for several. */
export interface JobsChannel {
  changed(clusterId: string): void;
  onChanged(listener: (clusterId: string) => void): () => void;
}

class LocalJobsChannel implements JobsChannel {
  readonly #listeners = new Set<(clusterId: string) => void>();
  changed(clusterId: string): void {
    for (const l of this.#listeners) l(clusterId);
  }
  onChanged(listener: (clusterId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

class RedisJobsChannel extends LocalJobsChannel {
  private constructor(private readonly redis: ScaleRedis) {
    super();
  }
  static async create(redis: ScaleRedis): Promise<RedisJobsChannel> {
    const c = new RedisJobsChannel(redis);
    await redis.subscriber.subscribe(`${redis.prefix}jobs-changed`, (clusterId) =>
      LocalJobsChannel.prototype.changed.call(c, clusterId),
    );
    return c;
  }
  override changed(clusterId: string): void {
    // Every instance hears it, this one included.
    void this.redis.client
      .publish(`${this.redis.prefix}jobs-changed`, clusterId)
      .catch(() => undefined);
  }
}

export interface SeamSettings {
  sessionSecret: string;
  absoluteMs: number;
  loginLimits: LoginLimits;
  dbSettings: DbSettings;
  log: Logger;
  now: () => number;
  targetOf(clusterId: string): DbTarget | undefined;
}

/** Every shared-state seam, in memory or in Redis: the composition root's one choice. */
export interface Seams {
  sessionStore: session.Store;
  sessionEvents: SessionEvents;
  loginLimits: LoginLimiter;
  idempotency: IdempotencyKeys<StartBackupResponse>;
  signIns: SharedSignIns | undefined;
  leases: Leases;
  jobs: JobsChannel;
  /** A cluster's progress pollers: per instance, or one per account across instances. */
  pollerHub(settings: DbSettings, intervals: PollerIntervals, log: Logger): PollerHub;
  /** Another instance ended a sign-in: the registry drops its copy. */
  onRemoteEnded(listener: (signInId: string) => void): void;
  close(): Promise<void>;
}

export function chooseSeams(shared: SharedState | undefined, s: SeamSettings): Seams {
  if (!shared) {
    const leases = new LocalLeases();
    return {
      sessionStore: createInMemorySessionStore(),
      sessionEvents: new InMemorySessionEvents(),
      loginLimits: new LoginGuard(s.loginLimits, s.now),
      idempotency: new IdempotencyStore<StartBackupResponse>(),
      signIns: undefined,
      leases,
      jobs: new LocalJobsChannel(),
      pollerHub: (settings, intervals, log) => new PollerHub(settings, intervals, log),
      onRemoteEnded: () => undefined,
      close: () => leases.close(),
    };
  }
  const { redis } = shared;
  const leases = new RedisLeases(
    redis.client,
    redis.prefix,
    redis.instanceId,
    s.log,
    shared.leaseOptions,
  );
  return {
    sessionStore: new RedisStore({ client: redis.client, prefix: `${redis.prefix}sess:` }),
    sessionEvents: shared.events,
    loginLimits: new RedisLoginLimiter(redis.client, redis.prefix, s.loginLimits),
    idempotency: new RedisIdempotencyKeys<StartBackupResponse>(
      redis.client,
      redis.prefix,
      s.sessionSecret,
      shared.idempotencyOptions,
    ),
    signIns: new RedisSharedSignIns(
      redis.client,
      redis.prefix,
      shared.box,
      s.absoluteMs,
      (signIn, password) => {
        const target = s.targetOf(signIn.clusterId);
        if (!target) throw new Error(`cluster ${signIn.clusterId} is not configured here`);
        const account = {
          target,
          user: signIn.profile.user,
          tenant: signIn.profile.tenant,
          password: new Secret(password),
        };
        return new Db(
          account,
          signIn.profile.mode,
          s.dbSettings,
          s.log.child({ cluster: signIn.clusterId }),
        );
      },
    ),
    leases,
    jobs: shared.jobs,
    pollerHub: (settings, intervals, log) =>
      new SharedPollerHub(settings, intervals, log, redis, leases),
    onRemoteEnded: (listener) => void shared.events.onRemote(listener),
    close: () => leases.close(),
  };
}
