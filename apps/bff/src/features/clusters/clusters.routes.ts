import { Router } from 'express';
import { API, ClustersResponse, SessionInfo } from '@obconsole/contracts';
import type { AppDeps } from '../../lib/deps.js';
import { isLive, signInOf } from '../../middleware/session.js';

/** GET /api/clusters: public (the login form needs it); names this browser's live sign-ins. */
export function clustersRouter(deps: AppDeps): Router {
  const r = Router();
  r.get(API.clusters, async (req, res) => {
    const body: ClustersResponse = {
      clusters: await Promise.all(
        [...deps.clusters.values()].map(async (c) => {
          const signIn = signInOf(req, c.id);
          return {
            id: c.id,
            name: c.name,
            simulated: c.simulated,
            unattended: c.setting.serviceAccount !== undefined,
            session:
              signIn && (await isLive(deps, c.id, signIn))
                ? SessionInfo.parse(signIn.profile)
                : null,
            ...(c.simulated && c.setting.demoAccounts
              ? { demoAccounts: c.setting.demoAccounts }
              : {}),
          };
        }),
      ),
    };
    res.json(ClustersResponse.parse(body));
  });
  return r;
}
