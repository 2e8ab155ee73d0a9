import { Alert, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AuditChainReport, AuditVerifyResult } from '@obconsole/contracts';

// TFunction, not ReturnType<typeof useTranslation>['t']: with the whole key table the latter is
// too deep for the compiler (TS2589).
function chainLine(t: TFunction, c: AuditChainReport, name: string) {
  if (c.ok || !c.firstBad) return t('audit.verify.chainOk', { cluster: name, count: c.checked });
  const bad = c.firstBad;
  return t('audit.verify.chainBad', {
    cluster: name,
    event:
      bad.id === null ? t('audit.verify.noEventId') : t('audit.verify.eventId', { id: bad.id }),
    seq: bad.seq,
    reason: t(`audit.verify.reasons.${bad.reason}`),
  });
}

/** What a verification found: intact with how many checked, or per chain the first bad event. */
export function VerifyResult({
  result,
  clusterName,
}: {
  result: AuditVerifyResult;
  clusterName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const checked = result.chains.reduce((n, c) => n + c.checked, 0);
  return (
    <Alert
      type={result.ok ? 'success' : 'error'}
      showIcon
      role={result.ok ? 'status' : 'alert'}
      title={result.ok ? t('audit.verify.okTitle') : t('audit.verify.badTitle')}
      description={
        <Flex vertical gap={2}>
          {result.ok && <span>{t('audit.verify.okText', { count: checked })}</span>}
          {(result.ok && result.chains.length < 2 ? [] : result.chains).map((c) => (
            <span key={c.clusterId}>{chainLine(t, c, clusterName(c.clusterId))}</span>
          ))}
        </Flex>
      }
    />
  );
}
