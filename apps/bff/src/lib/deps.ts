import type session from 'express-session';
import type { SecretBox, Store } from '@obconsole/store';
import type { AuditRecorder } from './audit.js';
import type { ClusterSetting } from '../config-clusters.js';
import type { DbSettings, DbTarget } from './db.js';
import type { Logger } from './logger.js';
import type { Clock } from './clock.js';
import type { AccountContext } from './context.js';
import type { SignInRegistry } from '../features/session/session.registry.js';
import type { PollerHub } from '../features/backups/poller-hub.js';
import type { BackupDeps } from '../features/backups/backups.service.js';
import type { CursorCodec } from './cursor.js';
import type { AccountReads } from './account-reads.js';
import type { JobWatcher } from '../features/jobs/watcher.js';
import type { ServerFacts } from '../features/jobs/active.js';
import type { LoginLimiter } from '../seams/login-limits.js';
import type { SessionEvents } from '../seams/session-events.js';
import type { ClusterPolicies } from '../wiring/policies.js';
import type { PolicyRunEvents } from '../features/policies/run-events.js';
import type { StarterLookup } from '../features/jobs/history-started-by.js';
import type { AlertsHub, AlertsSettings } from '../features/alerts/hub.js';
import type { SharedState } from '../scale/seams.js';
import type { Leases } from '../scale/leases.js';
import type { Lifecycle } from '../scale/lifecycle.js';

/** What the composition root is given: everything environment-specific, so tests can build an app per case. */
export interface AppOptions {
  /** Every configured cluster; the first is the default the single-cluster wording refers to. */
  clusters: ClusterSetting[];
  /** The console's own store (audit trail, policies, alerts); the caller opens and closes it. */
  store: Store;
  sessionSecret: string;
  logger: Logger;
  db?: Partial<DbSettings>;
  sessionIdleMs?: number;
  sessionAbsoluteMs?: number;
  trustProxy?: boolean;
  publicOrigin?: string;
  /** NODE_ENV=production: with trustProxy the cookie is Secure whatever the proxy says. */
  production?: boolean;
  /** max: failed logins per account; perAddress: failed logins from one address, any account. */
  loginRateLimit?: { max: number; windowMs: number; perAddress?: number };
  caps?: Partial<Caps>;
  /** Host header values accepted besides PUBLIC_ORIGIN's host (DNS rebinding defence). */
  allowedHosts?: string[];
  pollIntervals?: { activeMs: number; idleMs: number };
  heartbeatMs?: number;
  readBackTimeoutMs?: number;
  /** The time source for session expiry; tests pass a controllable one. */
  now?: () => number;
  /** The clock of commands (start, cancel); default the system's. */
  commandClock?: Clock;
  /**
   * Start a job watcher for every cluster with a service account (the server does; tests that
   * do not watch leave it off, so their simulators see only their own statements).
   */
  watchClusters?: boolean;
  /** Run every cluster's policy scheduler (the server does; tests call its tick()). */
  schedulePolicies?: boolean;
  /** The policies' clock (slots, runs); default `now`. Tests drive it apart from sessions. */
  policyNow?: () => number;
  /**
   * Seals the secrets the store keeps (policy passwords, channel URLs and secrets); the server
   * loads it. Default: a random key for this process only.
   */
  secretBox?: SecretBox;
  /** Alert detection and delivery (features/alerts/hub.ts). */
  alerts?: AlertsSettings;
  /** Folder of the built SPA to serve; omitted in tests. */
  webDist?: string;
  /** Several instances: Redis-backed shared state (scale/seams.ts); absent: all in memory. */
  shared?: SharedState;
}

export interface Caps {
  /** Live sign-ins of one database account (user@tenant on one cluster). */
  sessionsPerAccount: number;
  /** Open event streams of one sign-in. */
  streamsPerSession: number;
}

/** One configured cluster at run time: its address, its log, its pollers, its service account. */
export interface ClusterRuntime {
  id: string;
  name: string;
  target: DbTarget;
  simulated: boolean;
  setting: ClusterSetting;
  /** Every line this cluster's code logs names the cluster. */
  log: Logger;
  hub: PollerHub;
  backups: BackupDeps;
  /** Reads many sessions of one account make at once, shared (the same object as backups.reads). */
  reads: AccountReads;
  /** History cursors signed for this cluster only: one cluster's cursor means nothing on another. */
  cursors: CursorCodec;
  /**
   * The service account's context (one Db, opened on first use and kept), or null when the
   * cluster has no service account. Work nobody watches runs under it.
   */
  serviceContext(): Promise<AccountContext | null>;
  /**
   * The cluster's job watcher under its service account (null without one, or when the app was
   * built without watchers): live progress, alerts and the policy-run recorder subscribe to it.
   */
  watcher: JobWatcher | null;
  /** Policy runs this instance records: the alert engine's policy_run_not_started subscribes. */
  policyRuns: PolicyRunEvents;
  /** Who started jobs, from the audit trail (history's "started by"). */
  starters: StarterLookup;
  /** The cluster's policies: the service's dependencies and the scheduler. */
  policies: ClusterPolicies;
}

/** Every service the app uses, built once by the composition root (composition.ts). */
export interface AppDeps {
  options: AppOptions;
  log: Logger;
  dbSettings: DbSettings;
  clusters: ReadonlyMap<string, ClusterRuntime>;
  sessionStore: session.Store;
  /** Every action's record (the audit trail in the console's store). */
  audit: AuditRecorder;
  sessionEvents: SessionEvents;
  registry: SignInRegistry;
  loginLimits: LoginLimiter;
  /** Facts learnt about each server, once. */
  facts: ServerFacts;
  now: () => number;
  /** Every cluster's alert engine and outbox, and the stores of their rules and channels. */
  alerts: AlertsHub;
  idleMs: number;
  absoluteMs: number;
  /** Who does the work nobody watches, one instance per lease name (scale/leases.ts). */
  leases: Leases;
  /** Shutting down on purpose: readiness fails, streams are told to reconnect elsewhere. */
  lifecycle: Lifecycle;
  /** Closes every sign-in, poller and service account connection. */
  close(): Promise<void>;
}
