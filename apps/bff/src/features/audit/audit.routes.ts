import { pipeline } from 'node:stream';
import { Router, type Request } from 'express';
import { AUDIT_API, AuditQuery, AuditVerifyQuery, type AuditEvent } from '@obconsole/contracts';
import { auditCsv, type AuditTrail } from '@obconsole/store';
import { parse } from '../../lib/validate.js';
import {
  auditPage,
  auditPages,
  requireAccess,
  verifyAudit,
  type AuditAccess,
} from './audit.service.js';

export interface AuditRouterDeps {
  audit: AuditTrail;
  /** What the caller of this request may read; null: nothing (403). */
  access: (req: Request) => AuditAccess | null | Promise<AuditAccess | null>;
}

/** GET /api/audit, /api/audit.csv and /api/audit/verify. Errors go to the app's error handler. */
export function auditRouter(deps: AuditRouterDeps): Router {
  const r = Router();

  r.get(AUDIT_API.list, async (req, res) => {
    const access = requireAccess(await deps.access(req));
    const q = parse(AuditQuery, req.query, 'audit filter');
    res.set('Cache-Control', 'no-store').json(await auditPage(deps.audit, access, q));
  });

  r.get(AUDIT_API.csv, async (req, res) => {
    const access = requireAccess(await deps.access(req));
    const q = parse(AuditQuery, req.query, 'audit filter');
    const pages = auditPages(deps.audit, access, q);
    // The first page is read before the headers, so that a store error still gets a JSON answer.
    const first = await pages.next();
    async function* all(): AsyncGenerator<AuditEvent[], void> {
      if (!first.done) yield first.value;
      yield* pages;
    }
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    res.status(200).set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    });
    // pipeline stops reading the store when the client goes away, and cuts the response when
    // the store fails halfway (a truncated file must not look complete).
    pipeline(auditCsv(all()), res, () => undefined);
  });

  r.get(AUDIT_API.verify, async (req, res) => {
    const access = requireAccess(await deps.access(req));
    const q = parse(AuditVerifyQuery, req.query, 'audit verification');
    res.set('Cache-Control', 'no-store').json(await verifyAudit(deps.audit, access, q.cluster));
  });

  return r;
}
