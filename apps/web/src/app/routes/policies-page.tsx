import { useCallback } from 'react';
import { PoliciesRoute } from '../../features/policies/routes/policies-route';
import { useClusterId } from '../../lib/session';
import { clusterPaths } from '../../config/paths';
import { usePolicyLinks } from './policies-links';

export default function PoliciesPage() {
  const clusterId = useClusterId();
  const links = usePolicyLinks(clusterId);
  const detailHref = useCallback(
    (id: string) => clusterPaths.policyDetail(clusterId, id),
    [clusterId],
  );
  return <PoliciesRoute {...links} detailHref={detailHref} />;
}
