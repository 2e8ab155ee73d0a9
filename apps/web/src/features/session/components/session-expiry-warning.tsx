import { useEffect, useState } from 'react';
import { Alert, Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '@obconsole/contracts';
import { sessionKeys, useExtendSession } from '../api';
import { formatDuration } from '../../../lib/format';
import { useLanguage } from '../../../stores/preferences';

type SignedIn = Extract<SessionStatus, { signedIn: true }>;

/** How long before the end the user is warned: two minutes, less for a very short timeout. */
function warnWindowMs(idleTimeoutSeconds: number): number {
  return Math.min(120_000, (idleTimeoutSeconds * 1000) / 3);
}

interface Deadline {
  kind: 'idle' | 'absolute';
  /** Local epoch ms, corrected for the difference between the server's clock and ours. */
  at: number;
}

function deadlineOf(s: SignedIn, receivedAt: number): Deadline {
  const skew = receivedAt - Date.parse(s.serverTime);
  const idle = Date.parse(s.idleExpiresAt) + skew;
  const absolute = Date.parse(s.absoluteExpiresAt) + skew;
  return idle <= absolute ? { kind: 'idle', at: idle } : { kind: 'absolute', at: absolute };
}

/**
 * Warns before the session ends: an idle timeout can be pushed back with "extend", the absolute
 * one cannot. The status is asked again when the warning would show (other requests and
 * watching a running backup move the deadline meanwhile), and at the deadline itself, which
 * then sends the layout to the login page.
 */
export function SessionExpiryWarning({
  clusterId,
  clusterName,
  status,
  receivedAt,
}: {
  /** Each cluster's sign-in has its own deadlines: this one is of the cluster on screen. */
  clusterId: string;
  clusterName: string;
  status: SignedIn;
  receivedAt: number;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const qc = useQueryClient();
  const extend = useExtendSession(clusterId);
  const [now, setNow] = useState(() => Date.now());
  const deadline = deadlineOf(status, receivedAt);
  const warnAt = deadline.at - warnWindowMs(status.idleTimeoutSeconds);
  const warning = now >= warnAt;

  useEffect(() => {
    // Before the window: one check when it opens. Inside it: a 1 s countdown, and a check at the end.
    const refresh = () => void qc.invalidateQueries({ queryKey: sessionKeys.status(clusterId) });
    if (!warning) {
      const id = window.setTimeout(
        () => {
          setNow(Date.now());
          refresh();
        },
        Math.max(1000, warnAt - Date.now()),
      );
      return () => window.clearTimeout(id);
    }
    const id = window.setInterval(() => {
      const n = Date.now();
      setNow(n);
      if (n >= deadline.at) refresh();
    }, 1000);
    return () => window.clearInterval(id);
  }, [warning, warnAt, deadline.at, qc, clusterId]);

  if (!warning) return null;
  const left = formatDuration(Math.max(0, (deadline.at - now) / 1000), language);
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={
        deadline.kind === 'idle'
          ? t('clusters.idleWarning', { left, cluster: clusterName })
          : t('clusters.absoluteWarning', { left, cluster: clusterName })
      }
      description={
        deadline.kind === 'idle' ? t('sessionState.idleHelp') : t('sessionState.absoluteHelp')
      }
      action={
        deadline.kind === 'idle' ? (
          <Button type="primary" loading={extend.isPending} onClick={() => extend.mutate()}>
            {t('sessionState.extend')}
          </Button>
        ) : undefined
      }
    />
  );
}
