import type { AccountContext } from './lib/context.js';
import type { AppDeps, AppOptions, ClusterRuntime } from './lib/deps.js';
import { KeyedLock } from './lib/keyed-lock.js';
import { AuditRecorder } from './lib/audit.js';
import { systemClock } from './lib/clock.js';
import { AccountReads } from './lib/account-reads.js';
import { SessionRegistry } from './features/session/session.registry.js';
import { serviceAccountContext } from './features/session/service-account.js';
import { CursorCodec } from './lib/cursor.js';
import { ServerFacts } from './features/jobs/active.js';
import { chooseSeams } from './scale/seams.js';
import { Lifecycle } from './scale/lifecycle.js';
import { watchServiceAccount } from './features/jobs/watcher-cluster.js';
import type { JobWatcher } from './features/jobs/watcher.js';
import { SecretBox } from '@obconsole/store';
import { randomBytes } from 'node:crypto';
import { clusterPolicies } from './wiring/policies.js';
import { auditStarterLookup } from './wiring/policies-started-by.js';
import type { BackupDeps } from './features/backups/backups.service.js';
import { buildAlerts } from './features/alerts/hub.js';

/**
 * The composition root: every service of the console, built once from the resolved settings.
 * Nothing stateful lives in module scope; tests build one per case. Shared-state seams (session
 * store, registry, idempotency keys, login limits, session-ended events) get their in-memory
 * implementations here, and only here.
 */
export function buildServices(options: AppOptions): AppDeps {
  if (options.clusters.length === 0) throw new Error('buildServices: no cluster configured');
  const log = options.logger;
  const now = options.now ?? Date.now;
  const dbSettings = { connectTimeoutMs: 3000, queryTimeoutMs: 15_000, ...options.db };
  const idleMs = options.sessionIdleMs ?? 30 * 60_000;
  const absoluteMs = options.sessionAbsoluteMs ?? 12 * 3_600_000;
  const limit = options.loginRateLimit ?? { max: 10, windowMs: 15 * 60_000 };
  // In memory for one instance; Redis when options.shared is given (several instances).
  const seams = chooseSeams(options.shared, {
    sessionSecret: options.sessionSecret,
    absoluteMs,
    loginLimits: { ...limit, perAddress: limit.perAddress ?? limit.max * 5 },
    dbSettings,
    log,
    now,
    targetOf: (id) => options.clusters.find((c) => c.id === id)?.target,
  });
  const { sessionEvents, loginLimits, idempotency, leases } = seams;
  const audit = new AuditRecorder(options.store, log);
  // A sign-in that timed out is recorded when the registry closes it, browser or not, with the
  // address and browser it signed in from.
  const registry = new SessionRegistry(
    idleMs,
    absoluteMs,
    log,
    sessionEvents,
    now,
    (e, reason) => {
      if (reason !== 'expired') return;
      audit.recordQuietly(
        {
          clusterId: e.clusterId,
          actor: `${e.profile.user}@${e.profile.tenant}`,
          ...e.origin,
          requestId: null,
        },
        {
          action: 'session_expired',
          outcome: 'success',
          tenants: e.profile.isSys ? [] : [e.profile.tenant],
        },
      );
    },
    seams.signIns,
  );
  seams.onRemoteEnded((signInId) => void registry.drop(signInId));
  const facts = new ServerFacts();
  const clusters = new Map<string, ClusterRuntime>();
  const closeServiceAccounts: (() => Promise<void>)[] = [];
  const watchers: JobWatcher[] = [];
  const box = options.secretBox ?? new SecretBox([randomBytes(32)]);
  const schedulers: { stop(): Promise<void> }[] = [];
  for (const setting of options.clusters) {
    const clusterLog = log.child({ cluster: setting.id });
    let service: Promise<AccountContext> | null = null;
    const hub = seams.pollerHub(
      dbSettings,
      options.pollIntervals ?? { activeMs: 1000, idleMs: 5000 },
      clusterLog,
    );
    const sa = setting.serviceAccount;
    // Watching needs no sign-in first: a cluster that is down at start is watched from then on.
    const watcher: JobWatcher | null =
      sa && options.watchClusters
        ? watchServiceAccount(
            {
              clusterId: setting.id,
              target: setting.target,
              user: sa.user,
              tenant: sa.tenant,
              password: sa.password,
            },
            dbSettings,
            clusterLog,
          )
        : null;
    // What the watcher notices, every user's stream shows at once: each poller re-reads under
    // its own account (its privileges decide what it sees), instead of at its idle interval.
    // Several instances: the watcher's lease holder tells every instance (seams.jobs).
    watcher?.subscribe((e) => {
      if (e.type === 'job.started' || e.type === 'job.phase' || e.type === 'job.finished')
        seams.jobs.changed(setting.id);
    });
    seams.jobs.onChanged((id) => id === setting.id && hub.pokeAll());
    // One watcher per cluster across the fleet: this instance watches while it holds the lease.
    // Taking over, it reports what finished while nobody watched (a minute more for the last
    // holder's poll interval); a job reported twice is harmless, the store's keys dedupe it.
    const lookBack = () =>
      leases.takeoverWindowMs
        ? { reportFinishedSinceMs: Date.now() - leases.takeoverWindowMs - 60_000 }
        : {};
    if (watcher)
      leases.run(
        `watcher:${setting.id}`,
        () => watcher.start(lookBack()),
        () => watcher.pause(),
      );
    if (watcher) watchers.push(watcher);
    const backups: BackupDeps = {
      hub,
      reads: new AccountReads(),
      idempotency,
      readBackTimeoutMs: options.readBackTimeoutMs ?? 3000,
      startLock: new KeyedLock(),
      clock: options.commandClock ?? systemClock,
      jobsChanged: () => seams.jobs.changed(setting.id),
    };
    const serviceContext = (): Promise<AccountContext | null> => {
      if (!setting.serviceAccount) return Promise.resolve(null);
      // A failed sign-in (database down) is not kept: the next caller tries again.
      service ??= serviceAccountContext(setting, dbSettings, clusterLog, facts).catch(
        (e: unknown) => {
          service = null;
          throw e;
        },
      );
      return service;
    };
    const policies = clusterPolicies({
      clusterId: setting.id,
      store: options.store,
      box,
      now: options.policyNow ?? now,
      log: clusterLog,
      audit,
      hasServiceAccount: sa !== undefined,
      serviceContext,
      backups,
    });
    // One scheduler per cluster across the fleet, as the watcher; the store's unique slot key
    // still decides if two ever overlap (a lease lost mid-round).
    const scheduler = policies.scheduler;
    if (options.schedulePolicies && scheduler)
      leases.run(
        `scheduler:${setting.id}`,
        () => scheduler.start(),
        () => scheduler.stop(),
      );
    if (policies.scheduler) schedulers.push(policies.scheduler);
    clusters.set(setting.id, {
      id: setting.id,
      name: setting.name,
      target: setting.target,
      simulated: setting.simulated ?? false,
      setting,
      log: clusterLog,
      hub,
      cursors: new CursorCodec(`${options.sessionSecret}\ncluster:${setting.id}`),
      backups,
      reads: backups.reads,
      watcher,
      serviceContext,
      policyRuns: policies.runs,
      policies,
      starters: auditStarterLookup(options.store, setting.id, clusterLog),
    });
    closeServiceAccounts.push(async () => {
      const opened = service;
      service = null;
      const ctx = opened ? await opened.catch(() => null) : null;
      await ctx?.db.close();
    });
  }
  const alerts = buildAlerts({
    store: options.store,
    secretBox: box,
    settings: options.alerts ?? {},
    clusters: [...clusters.values()],
    publicOrigin: options.publicOrigin,
    now,
  });
  // A policy run that left a tenant without its backup (skipped, refused, missed) is an alert.
  for (const c of clusters.values())
    c.policyRuns.subscribe(({ clusterId, policy, run }) => {
      void alerts
        .observePolicyRun(clusterId, {
          policy: policy.name,
          slot: run.slot,
          tenants: run.tenants.flatMap((t) =>
            // Missed before the cluster was read: the policy's own tenants when it names them.
            t.tenant === '*' && Array.isArray(policy.tenants)
              ? policy.tenants.map((tenant) => ({ ...t, tenant }))
              : [t],
          ),
        })
        .catch((e: unknown) =>
          log.error({ err: e, cluster: clusterId }, 'policy run alert failed'),
        );
    });
  // One alert engine per cluster across the fleet; the incident and outbox keys dedupe the rest.
  if (options.alerts?.start)
    alerts.start((clusterId, start, pause) => leases.run(`alerts:${clusterId}`, start, pause));
  return {
    options,
    log,
    alerts,
    dbSettings,
    clusters,
    sessionStore: seams.sessionStore,
    audit,
    sessionEvents,
    registry,
    loginLimits,
    facts,
    now,
    idleMs,
    absoluteMs,
    leases,
    lifecycle: new Lifecycle(),
    close: async () => {
      await alerts.close();
      // Hands the leases back (their holders' work stops) and closes the shared connections.
      await seams.close();
      await Promise.all([...watchers, ...schedulers].map((w) => w.stop()));
      await Promise.all([...clusters.values()].map((c) => c.hub.closeAll()));
      await registry.closeAll();
      await Promise.all(closeServiceAccounts.map((close) => close()));
    },
  };
}
