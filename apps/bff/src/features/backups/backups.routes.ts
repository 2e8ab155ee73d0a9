import { Router, type RequestHandler } from 'express';
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
import { parse } from '../../lib/validate.js';
import { activeBackups, cancelBackup, previewBackup } from './backups.service.js';
import { startBackup } from './start.js';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency.js';

export function backupsRouter(deps: AppDeps, requireSession: RequestHandler): Router {
  const r = Router({ mergeParams: true });
  const { options, registry, sessionEvents } = deps;
  const intervals = options.pollIntervals ?? { activeMs: 1000, idleMs: 5000 };

  r.post(CLUSTER_API.backupsPreview, requireSession, async (req, res) => {
    const input = parse(PreviewRequest, req.body, 'backup preview');
    res.json(await previewBackup(req.ctx!, input));
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
    res.status(202).json(await startBackup(req.ctx!, input, key, clusterOf(req).backups));
  });

  r.post(CLUSTER_API.backupsCancel, requireSession, async (req, res) => {
    const input = parse(CancelRequest, req.body, 'cancel request');
    res.status(202).json(await cancelBackup(req.ctx!, input, clusterOf(req).backups));
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
    const send = (event: string, data: unknown) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
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
    };
    // Logging out (or the session expiring) ends the stream: no data after the session.
    const stopListening = sessionEvents.onEnded(ctx.signInId, () => {
      close();
      res.end();
    });
    req.on('close', close);
    res.on('error', close);
  });
  return r;
}
