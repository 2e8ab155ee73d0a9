import { useParams } from 'react-router';
import { PolicyDetailRoute } from '../../features/policies/routes/policy-detail-route';
import { useClusterId } from '../../lib/session';
import { clusterPaths } from '../../config/paths';
import { usePolicyLinks } from './policies-links';

export default function PolicyDetailPage() {
  const clusterId = useClusterId();
  const { policyId = '' } = useParams();
  const links = usePolicyLinks(clusterId);
  return (
    <PolicyDetailRoute
      key={policyId}
      policyId={policyId}
      listHref={clusterPaths.policies(clusterId)}
      {...links}
    />
  );
}
