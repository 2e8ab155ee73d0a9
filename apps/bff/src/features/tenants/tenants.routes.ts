import { Router, type RequestHandler } from 'express';
import { CLUSTER_API } from '@obconsole/contracts';
import { clusterOf } from '../../middleware/cluster.js';
import { listTenants } from './tenants.service.js';

export function tenantsRouter(requireSignIn: RequestHandler): Router {
  const r = Router({ mergeParams: true });
  r.get(CLUSTER_API.tenants, requireSignIn, async (req, res) => {
    const ctx = req.ctx!;
    res.json(await clusterOf(req).reads.read(ctx.accountKey, 'tenants', () => listTenants(ctx)));
  });
  return r;
}
