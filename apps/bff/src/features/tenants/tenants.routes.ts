import { Router } from 'express';
import { requireSession } from '../../middleware/session.js';
import { listTenants } from './tenants.service.js';

export function tenantsRouter(): Router {
  const r = Router();
  r.get('/api/tenants', requireSession, async (req, res) => {
    res.json(await listTenants(req.ctx!));
  });
  return r;
}
