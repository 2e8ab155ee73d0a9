import { Router } from 'express';
import {
  CancelRequest,
  PreviewRequest,
  SSE_EVENTS,
  StartBackupRequest,
} from '@obconsole/contracts';
import { depsOf, type AppDeps } from '../../lib/deps.js';
import { AppError } from '../../lib/errors.js';
import { parse } from '../../lib/validate.js';
import { requireSession } from '../../middleware/session.js';
import { activeBackups, cancelBackup, previewBackup, type BackupDeps } from './backups.service.js';
import { startBackup } from './start.js';
import { KeyedLock } from '../../lib/keyed-lock.js';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency.js';
import { SingleFlight } from '../../lib/single-flight.js';

export function backupsRouter(deps: AppDeps): Router {
  const r = Router();
  const intervals = deps.options.pollIntervals ?? { activeMs: 1000, idleMs: 5000 };
  const backupDeps: BackupDeps = {
    hub: deps.hub,
    activeReads: new SingleFlight(),
    idempotency: deps.idempotency,
    readBackTimeoutMs: deps.options.readBackTimeoutMs ?? 3000,
    startLock: new KeyedLock(),
  };

  r.post('/api/backups/preview', requireSession, async (req, res) => {
    const input = parse(PreviewRequest, req.body, 'backup preview');
    res.json(await previewBackup(req.ctx!, input));
  });

  r.post('/api/backups', requireSession, async (req, res) => {
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
    res.status(202).json(await startBackup(req.ctx!, input, key, backupDeps));
  });

  r.post('/api/backups/cancel', requireSession, async (req, res) => {
    const input = parse(CancelRequest, req.body, 'cancel request');
    res.status(202).json(await cancelBackup(req.ctx!, input, backupDeps));
  });

  r.get('/api/backups/active', requireSession, async (req, res) => {
    res.json(await activeBackups(req.ctx!, backupDeps, intervals.activeMs * 1.5));
  });

  /** Open event streams per session: each holds a socket and a poller subscription. */
  const streams = new Map<string, number>();
  r.get('/api/events', requireSession, (req, res) => {
    const ctx = req.ctx!;
    const { hub, options, registry } = depsOf(req);
    const cap = options.caps?.streamsPerSession ?? 8;
    const open = streams.get(ctx.sessionId) ?? 0;
    if (open >= cap) {
      throw new AppError(
        'TOO_MANY_STREAMS',
        `This session already has ${open} live streams open (the limit is ${cap}). Close other console tabs of this login and reload.`,
        { limit: cap },
        { open, limit: cap },
      );
    }
    streams.set(ctx.sessionId, open + 1);
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
      if (watchingRunning) registry.touch(ctx.sessionId);
    };
    const unsubscribe = hub.subscribe(
      ctx.accountKey,
      {
        account: ctx.account,
        scope: ctx.scope,
        serverKey: ctx.serverKey,
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
      const left = (streams.get(ctx.sessionId) ?? 1) - 1;
      if (left <= 0) streams.delete(ctx.sessionId);
      else streams.set(ctx.sessionId, left);
      clearInterval(heartbeat);
      unsubscribe();
      stopListening();
    };
    // Logging out (or the session expiring) ends the stream: no data after the session.
    const stopListening = registry.onClose(ctx.sessionId, () => {
      close();
      res.end();
    });
    req.on('close', close);
    res.on('error', close);
  });
  return r;
}
