import { Router, type RequestHandler } from 'express';
import { CLUSTER_API, HistoryQuery } from '@obconsole/contracts';
import { z } from 'zod';
import { questionOf } from '../../lib/account-reads.js';
import { toAppError } from '../../lib/db.js';
import { renewBudget } from '../../lib/deadline.js';
import { parse } from '../../lib/validate.js';
import { clusterOf } from '../../middleware/cluster.js';
import {
  historyDetail,
  historyPage,
  historyRows,
  type ShareRead,
} from '../jobs/history.service.js';
import { HISTORY_CSV_COLUMNS, historyCsvRow, writeCsvChunks } from '../jobs/history-csv.js';

const DetailParams = z.strictObject({
  tenantId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
  jobId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

export function historyRouter(requireSession: RequestHandler): Router {
  const r = Router({ mergeParams: true });

  r.get(CLUSTER_API.history, requireSession, async (req, res) => {
    const q = parse(HistoryQuery, req.query, 'history filter');
    const { reads, cursors, starters } = clusterOf(req);
    const ctx = req.ctx!;
    const share: ShareRead = (question, read) => reads.part(ctx.accountKey, question, read);
    res.json(
      await reads.read(ctx.accountKey, questionOf('history', q), () =>
        historyPage(ctx, q, cursors, starters, share),
      ),
    );
  });

  r.get(CLUSTER_API.historyCsv, requireSession, async (req, res) => {
    const q = parse(HistoryQuery, req.query, 'history filter');
    const rows = historyRows(req.ctx!, q, 1000, clusterOf(req).starters);
    // Read the first chunk before sending headers, so that an error still gets a JSON answer.
    const first = await rows.next();
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    res.status(200).set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="backup-history-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    });
    try {
      // The byte-order mark makes spreadsheet apps read UTF-8 (Chinese comments and names) as such.
      await writeCsvChunks(
        res,
        HISTORY_CSV_COLUMNS,
        historyCsvRow,
        first,
        () => rows.next(),
        renewBudget,
      );
      res.end();
    } catch (e) {
      // The answer has started: the error can only be logged (with its stack when it is a bug).
      const err = toAppError(e);
      if (err.code === 'INTERNAL') clusterOf(req).log.error({ err: e }, 'csv export stopped');
      else clusterOf(req).log.warn({ err: err.code }, 'csv export stopped');
      res.destroy();
    }
  });

  r.get(CLUSTER_API.historyDetail, requireSession, async (req, res) => {
    const p = parse(
      DetailParams,
      { tenantId: req.params.tenantId, jobId: req.params.jobId },
      'job reference',
    );
    res.json(await historyDetail(req.ctx!, p.tenantId, p.jobId, clusterOf(req).starters));
  });
  return r;
}
