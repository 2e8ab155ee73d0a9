import { Router, type Request, type RequestHandler } from 'express';
import {
  CLUSTER_API,
  CreatePolicyRequest,
  PolicyRunsQuery,
  PolicyTimelineQuery,
  RunPolicyRequest,
  UpdatePolicyRequest,
} from '@obconsole/contracts';
import type { AuditRecorder } from '../../lib/audit.js';
import { originOf } from '../../lib/audit.js';
import { parse } from '../../lib/validate.js';
import {
  createPolicy,
  deletePolicy,
  getPolicy,
  listPolicies,
  runPolicyNow,
  updatePolicy,
} from './policies.service.js';
import { policyRuns, policyTimeline } from './runs.service.js';
import type { PolicyAudit, PolicyDeps } from './policy-deps.js';

/**
 * /api/clusters/:clusterId/policies...: read by every signed-in account of the cluster (within
 * its tenant), changed by accounts with ALTER SYSTEM over the policy's scope. Every change is
 * an audit event with the policy before and after.
 */
export function policiesRouter(
  requireSession: RequestHandler,
  policyDeps: (req: Request) => PolicyDeps,
  recorder: AuditRecorder,
): Router {
  const r = Router({ mergeParams: true });
  const auditOf = (req: Request): PolicyAudit => ({
    writable: () => recorder.writable(),
    record: (e) =>
      recorder.record(
        originOf(req, req.ctx!.clusterId, `${req.ctx!.profile.user}@${req.ctx!.profile.tenant}`),
        e,
      ),
  });
  const idOf = (req: Request) => String(req.params.policyId ?? '');

  r.get(CLUSTER_API.policies, requireSession, async (req, res) => {
    res.json({ policies: await listPolicies(policyDeps(req), req.ctx!) });
  });
  r.post(CLUSTER_API.policies, requireSession, async (req, res) => {
    const input = parse(CreatePolicyRequest, req.body, 'policy');
    res.status(201).json(await createPolicy(policyDeps(req), req.ctx!, input, auditOf(req)));
  });
  // Before /policies/:policyId, which would take "timeline" for an id.
  r.get(CLUSTER_API.policyTimeline, requireSession, async (req, res) => {
    const q = parse(PolicyTimelineQuery, req.query, 'timeline query');
    res.json(await policyTimeline(policyDeps(req), req.ctx!, q.days));
  });
  r.get(CLUSTER_API.policy, requireSession, async (req, res) => {
    res.json(await getPolicy(policyDeps(req), req.ctx!, idOf(req)));
  });
  r.patch(CLUSTER_API.policy, requireSession, async (req, res) => {
    const input = parse(UpdatePolicyRequest, req.body, 'policy change');
    res.json(await updatePolicy(policyDeps(req), req.ctx!, idOf(req), input, auditOf(req)));
  });
  r.delete(CLUSTER_API.policy, requireSession, async (req, res) => {
    await deletePolicy(policyDeps(req), req.ctx!, idOf(req), auditOf(req));
    res.status(204).end();
  });
  r.post(CLUSTER_API.policyPause, requireSession, async (req, res) => {
    res.json(
      await updatePolicy(
        policyDeps(req),
        req.ctx!,
        idOf(req),
        { enabled: false },
        auditOf(req),
        'policy_pause',
      ),
    );
  });
  r.post(CLUSTER_API.policyResume, requireSession, async (req, res) => {
    res.json(
      await updatePolicy(
        policyDeps(req),
        req.ctx!,
        idOf(req),
        { enabled: true },
        auditOf(req),
        'policy_resume',
      ),
    );
  });
  r.post(CLUSTER_API.policyRun, requireSession, async (req, res) => {
    const input = parse(RunPolicyRequest, req.body, 'run request');
    res
      .status(202)
      .json(await runPolicyNow(policyDeps(req), req.ctx!, idOf(req), input.type, auditOf(req)));
  });
  r.get(CLUSTER_API.policyRuns, requireSession, async (req, res) => {
    const q = parse(PolicyRunsQuery, req.query, 'runs query');
    res.json(await policyRuns(policyDeps(req), req.ctx!, idOf(req), q));
  });
  return r;
}
