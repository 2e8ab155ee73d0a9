import { Navigate, useLocation } from 'react-router';
import { paths } from '../../config/paths';
import { signedInClusters, useClusterDirectory } from '../../lib/session';

/**
 * /backups, /history/... of the one-cluster console: the same page, filters and open job of the
 * first signed-in cluster, so old links and bookmarks keep working.
 */
export default function LegacyRedirect() {
  const { pathname, search } = useLocation();
  const first = signedInClusters(useClusterDirectory())[0];
  if (!first) return <Navigate to={paths.home} replace />;
  return <Navigate to={`/clusters/${encodeURIComponent(first.id)}${pathname}${search}`} replace />;
}
