import { randomUUID } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import {
  CLUSTER_API,
  CancelRequest,
  PreviewRequest,
  SSE_EVENTS,
  StartBackupRequest,
} from '@obconsole/contracts';
import type { AppDeps } from '../../lib/deps.js';
import { clusterOf } from '../../middleware/cluster.js';
import { AppError } from '../../lib/errors.js';
import { originOf as auditOrigin } from '../../lib/audit.js';
import { toAppError } from '../../lib/db-errors.js';
import { parse } from '../../lib/validate.js';
import { activeBackups, cancelBackup, previewBackup } from './backups.service.js';
import { startBackup } from './start.js';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency.js';

export function backupsRouter(deps: AppDeps, requireSession: RequestHandler): Router {
  const r = Router({ mergeParams: true });
  const { options, registry, sessionEvents, audit } = deps;
  const intervals = options.pollIntervals ?? { activeMs: 1000, idleMs: 5000 };

  const originOf = (req: Request) =>
    auditOrigin(req, req.ctx!.clusterId, `${req.ctx!.profile.user}@${req.ctx!.profile.tenant}`);
  const codeOf = (e: unknown) => (e instanceof AppError ? e.code : toAppError(e).code);

  r.post(CLUSTER_API.backupsPreview, requireSession, async (req, res) => {
    const input = parse(PreviewRequest, req.body, 'backup preview');
    const preview = await previewBackup(req.ctx!, input);
    audit.recordQuietly(originOf(req), {
      action: 'backup_preview',
      outcome: preview.canStart ? 'success' : 'refused',
      tenants: preview.tenants.map((t) => t.tenantName),
      errorCode: preview.blocking[0]?.code ?? null,
      details: { type: preview.type, statements: preview.statements },
    });
    res.json(preview);
  });

  r.post(CLUSTER_API.backups, requireSession, async (req, res) => {
    const key = req.get('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new AppError(
        'VALIDATION_FAILED',
        'Idempotency-Key must be 8-128 letters, digits, - or _ (a UUID works).',
        undefined,
        { variant: 'idempotencyKey' },
      );
    }
    const input = parse(StartBackupRequest, req.body, 'backup request');
    const secrets = input.encryptionPassword ? [input.encryptionPassword] : [];
    const asked = {
      type: input.type,
      plusArchivelog: input.plusArchivelog,
      encrypted: input.encryptionPassword !== undefined,
      ...(input.description ? { description: input.description } : {}),
    };
    const tenants = input.tenants === 'all' ? [] : input.tenants;
    // No backup without its record: a store that cannot be written refuses the start.
    await audit.writable();
    let result;
    let ran = false;
    try {
      result = await startBackup(req.ctx!, input, key, clusterOf(req).backups, () => {
        ran = true;
      });
    } catch (e) {
      await audit.record(originOf(req), {
        action: 'backup_start',
        outcome: e instanceof AppError && e.status < 500 ? 'refused' : 'failure',
        tenants,
        errorCode: codeOf(e),
        details: { ...asked, scope: input.tenants },
        secrets,
      });
      throw e;
    }
    // A repeated Idempotency-Key answers with the first start's jobs: it started nothing new,
    // and the first request's event already records them.
    if (!ran) {
      res.status(202).json(result);
      return;
    }
    await audit.record(originOf(req), {
      action: 'backup_start',
      outcome: 'success',
      // The tenants backed up; the sys tenant's cluster-level job is in the details.
      tenants: result.jobs.filter((j) => j.level === 'USER_TENANT').map((j) => j.tenantName),
      details: {
        ...asked,
        scope: input.tenants,
        statements: result.statements,
        jobs: result.jobs.map((j) => ({ tenant: j.tenantName, jobId: j.jobId, level: j.level })),
      },
      secrets,
    });
    res.status(202).json(result);
  });

  r.post(CLUSTER_API.backupsCancel, requireSession, async (req, res) => {
    const input = parse(CancelRequest, req.body, 'cancel request');
    const tenants = input.tenants === 'all' ? [] : input.tenants;
    await audit.writable();
    let result;
    try {
      result = await cancelBackup(req.ctx!, input, clusterOf(req).backups);
    } catch (e) {
      await audit.record(originOf(req), {
        action: 'backup_cancel',
        outcome: e instanceof AppError && e.status < 500 ? 'refused' : 'failure',
        tenants,
        errorCode: codeOf(e),
        details: { scope: input.tenants },
      });
      throw e;
    }
    await audit.record(originOf(req), {
      action: 'backup_cancel',
      outcome: 'success',
      tenants: result.canceling.map((j) => j.tenantName),
      details: {
        scope: input.tenants,
        canceling: result.canceling.map((j) => ({ tenant: j.tenantName, jobId: j.jobId })),
      },
    });
    res.status(202).json(result);
  });

  r.get(CLUSTER_API.backupsActive, requireSession, async (req, res) => {
    res.json(await activeBackups(req.ctx!, clusterOf(req).backups, intervals.activeMs * 1.5));
  });

  /** Open event streams per sign-in: each holds a socket and a poller subscription. */
  const streams = new Map<string, number>();
  r.get(CLUSTER_API.events, requireSession, (req, res) => {
    const ctx = req.ctx!;
    const { hub } = clusterOf(req);
    const cap = options.caps?.streamsPerSession ?? 8;
    const open = streams.get(ctx.signInId) ?? 0;
    if (open >= cap) {
      throw new AppError(
        'TOO_MANY_STREAMS',
        `This session already has ${open} live streams open (the limit is ${cap}). Close other console tabs of this login and reload.`,
        { limit: cap },
        { open, limit: cap },
      );
    }
    streams.set(ctx.signInId, open + 1);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    // Every event has an id: a browser that reconnects (to this or another instance) sends the
    // last one as Last-Event-ID, and gets the current snapshot at once, whoever serves it.
    const streamId = randomUUID();
    let seq = 0;
    const send = (event: string, data: unknown) => {
      seq += 1;
      res.write(`id: ${streamId}.${seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    // Watching a running backup is activity: the session does not idle out under someone who
    // is looking at it (the absolute timeout still holds). An idle stream keeps nothing alive.
    let watchingRunning = false;
    const keepAliveWhileRunning = () => {
      if (watchingRunning) registry.touch(ctx.signInId);
    };
    const unsubscribe = hub.subscribe(
      ctx.accountKey,
      {
        account: ctx.account,
        scope: ctx.scope,
        serverKey: ctx.serverKey,
        facts: ctx.facts,
        tenantName: ctx.profile.tenant,
      },
      (e) => {
        if (e.type === 'active') {
          watchingRunning = e.payload.jobs.length > 0;
          keepAliveWhileRunning();
          send(SSE_EVENTS.active, e.payload);
        } else send(SSE_EVENTS.unavailable, { message: e.message });
      },
    );
    const heartbeat = setInterval(() => {
      keepAliveWhileRunning();
      send(SSE_EVENTS.heartbeat, { at: new Date().toISOString() });
    }, options.heartbeatMs ?? 15_000);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      const left = (streams.get(ctx.signInId) ?? 1) - 1;
      if (left <= 0) streams.delete(ctx.signInId);
      else streams.set(ctx.signInId, left);
      clearInterval(heartbeat);
      unsubscribe();
      stopListening();
      stopDraining();
    };
    // Logging out (or the session expiring) ends the stream: no data after the session.
    const stopListening = sessionEvents.onEnded(ctx.signInId, () => {
      close();
      res.end();
    });
    // This instance shuts down: the browser reconnects at once, through the load balancer, to
    // an instance that stays (and gets a fresh snapshot there).
    const stopDraining = deps.lifecycle.onDrain(() => {
      res.write('retry: 250\n\n');
      close();
      res.end();
    });
    req.on('close', close);
    res.on('error', close);
  });
  return r;
}
