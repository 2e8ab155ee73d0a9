import { Router, type RequestHandler } from 'express';
import { CLUSTER_API } from '@obconsole/contracts';
import { listTenants } from './tenants.service.js';

export function tenantsRouter(requireSignIn: RequestHandler): Router {
  const r = Router({ mergeParams: true });
  r.get(CLUSTER_API.tenants, requireSignIn, async (req, res) => {
    res.json(await listTenants(req.ctx!));
  });
  return r;
}
