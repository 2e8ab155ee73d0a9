import { randomBytes } from 'node:crypto';
import {
  AlertConfigStore,
  IncidentStore,
  SecretBox,
  SqlOutbox,
  type Store,
} from '@obconsole/store';
import type { AccountContext } from '../../lib/context.js';
import type { Logger } from '../../lib/logger.js';
import type { JobWatcher } from '../jobs/watcher.js';
import { OutboundPolicy } from './channels/allowed-hosts.js';
import type { SmtpSettings } from './channels/email.js';
import { sendToChannel, type ChannelEnv } from './channels/send.js';
import type { AlertMessage, Condition } from './channels/types.js';
import { consoleLinks } from './message.js';
import type { PolicyRun } from './observations.js';
import type { Sender } from './outbox.js';
import { ClusterAlerts, DEFAULT_ALERT_INTERVALS, type AlertIntervals } from './runtime.js';

/** The alerting settings of the console (AppOptions.alerts). */
export interface AlertsSettings {
  /**
   * Start detection and delivery with the app: the server does. Tests leave it off and drive
   * each cluster's ClusterAlerts themselves (or turn it on to test the running whole).
   */
  start?: boolean;
  /** ALERTS_ALLOWED_HOSTS: host names, addresses or CIDRs internal targets may have. */
  allowedHosts?: string[];
  /** The console's SMTP server, for email channels. */
  smtp?: SmtpSettings;
  intervals?: Partial<AlertIntervals>;
  /** The time source of incidents, reminders and retries (default: the app's `now`). */
  now?: () => number;
  /** How long one delivery may take (default 10 s). */
  sendTimeoutMs?: number;
}

/** What alerting needs of a configured cluster. */
export interface AlertedCluster {
  id: string;
  name: string;
  log: Logger;
  watcher: JobWatcher | null;
  serviceContext(): Promise<AccountContext | null>;
}

/** Every cluster's alerting, over the one store: what the routes and the composition root use. */
export interface AlertsHub {
  config: AlertConfigStore;
  incidents: IncidentStore<Condition>;
  outbox: SqlOutbox<AlertMessage>;
  policy: OutboundPolicy;
  /** Sends one message on one channel now (the channel test; the worker's sender). */
  send: Sender;
  /** A cluster's alerting; undefined for a cluster that is not configured. */
  of(clusterId: string): ClusterAlerts | undefined;
  /** For the policy scheduler's run listener. */
  observePolicyRun(clusterId: string, run: PolicyRun): Promise<void>;
  /**
   * Starts every cluster's detection and delivery; `run` decides where (several instances: the
   * holder of the cluster's lease starts it, and pauses it when the lease is lost).
   */
  start(run?: (clusterId: string, start: () => void, pause: () => Promise<void>) => void): void;
  close(): Promise<void>;
}

export function buildAlerts(o: {
  store: Store;
  /** Seals channel URLs and secrets; without one (tests) a key that lives as long as the process. */
  secretBox?: SecretBox;
  settings: AlertsSettings;
  clusters: AlertedCluster[];
  publicOrigin?: string;
  now: () => number;
}): AlertsHub {
  const box = o.secretBox ?? new SecretBox([randomBytes(32)]);
  const now = o.settings.now ?? o.now;
  const config = new AlertConfigStore(o.store, box);
  const incidents = new IncidentStore<Condition>(o.store);
  const outbox = new SqlOutbox<AlertMessage>(o.store);
  const policy = new OutboundPolicy(o.settings.allowedHosts ?? []);
  const env: ChannelEnv = {
    policy,
    smtp: o.settings.smtp,
    now,
    timeoutMs: o.settings.sendTimeoutMs ?? 10_000,
  };
  const send: Sender = (m, ch) => sendToChannel(m, ch, env);
  const links = consoleLinks(o.publicOrigin);
  const intervals = { ...DEFAULT_ALERT_INTERVALS, ...o.settings.intervals };
  const byCluster = new Map(
    o.clusters.map((c) => [
      c.id,
      new ClusterAlerts({
        cluster: { id: c.id, name: c.name },
        config,
        incidents,
        outbox,
        send,
        links,
        now,
        log: c.log,
        watcher: c.watcher,
        serviceContext: () => c.serviceContext(),
        intervals,
      }),
    ]),
  );
  return {
    config,
    incidents,
    outbox,
    policy,
    send,
    of: (id) => byCluster.get(id),
    observePolicyRun: async (clusterId, run) => {
      await byCluster.get(clusterId)?.observePolicyRun(run);
    },
    start: (run = (_id, start) => start()) => {
      for (const [id, a] of byCluster)
        run(
          id,
          () => a.start(),
          () => a.pause(),
        );
    },
    close: async () => {
      await Promise.all([...byCluster.values()].map((a) => a.stop()));
    },
  };
}
