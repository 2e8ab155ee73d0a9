import { Router, type Request } from 'express';
import { API, FleetHistoryQuery, type FleetHistoryItem } from '@obconsole/contracts';
import { toAppError } from '../../lib/db.js';
import { renewBudget } from '../../lib/deadline.js';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { parse } from '../../lib/validate.js';
import { CursorCodec } from '../../lib/cursor.js';
import type { ClusterContext, ClusterContexts } from './fleet-context.js';
import { FleetCursorCodec } from './fleet-cursor.js';
import { openFleetExport } from './fleet-export.service.js';
import { fleetHistoryPage } from './fleet-history.service.js';
import { fleetOverview } from './fleet-overview.service.js';
import { HISTORY_CSV_COLUMNS, historyCsvRow, writeCsvChunks } from '../jobs/history-csv.js';

export interface FleetRouterOptions {
  /** The clusters this request's browser session is signed in to, each with its account context. */
  contexts: ClusterContexts;
  /** Signs the cursors (the same secret as one cluster's history cursor). */
  sessionSecret: string;
  log: Logger;
  now?: () => number;
}

/** The one-cluster export's columns, with the cluster first: the same sheet, several clusters. */
const CSV_COLUMNS = ['cluster_id', ...HISTORY_CSV_COLUMNS];

function csvRow(i: FleetHistoryItem): (string | number)[] {
  return [i.clusterId, ...historyCsvRow(i)];
}

export function fleetRouter(options: FleetRouterOptions): Router {
  const r = Router();
  const codecs = {
    fleet: new FleetCursorCodec(options.sessionSecret),
    one: new CursorCodec(options.sessionSecret),
  };
  const now = options.now ?? Date.now;
  const signedIn = async (req: Request): Promise<ClusterContext[]> => {
    const list = await options.contexts(req);
    if (list.length === 0) {
      throw new AppError(
        'UNAUTHENTICATED',
        'Sign in to at least one cluster to see the fleet.',
        undefined,
        { variant: 'ended' },
      );
    }
    return list;
  };

  r.get(API.fleetOverview, async (req, res) => {
    res.json(await fleetOverview(await signedIn(req), { log: options.log, now }));
  });

  r.get(API.fleetHistory, async (req, res) => {
    const q = parse(FleetHistoryQuery, req.query, 'fleet history filter');
    res.json(await fleetHistoryPage(await signedIn(req), q, codecs, options.log));
  });

  r.get(API.fleetHistoryCsv, async (req, res) => {
    const q = parse(FleetHistoryQuery, req.query, 'fleet history filter');
    const exp = await openFleetExport(await signedIn(req), q, options.log);
    const stamp = new Date(now()).toISOString().slice(0, 19).replace(/[:T]/g, '-');
    res.status(200).set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="fleet-backup-history-${stamp}.csv"`,
      'Cache-Control': 'no-store',
      // Cluster ids only (safe): the clusters whose rows the file lacks.
      'X-Unavailable-Clusters': exp.unavailable.map((u) => u.clusterId).join(','),
    });
    try {
      const first = await exp.rows.next();
      await writeCsvChunks(res, CSV_COLUMNS, csvRow, first, () => exp.rows.next(), renewBudget);
      res.end();
    } catch (e) {
      options.log.warn({ err: toAppError(e).code }, 'fleet csv export stopped');
      res.destroy();
    }
  });
  return r;
}
