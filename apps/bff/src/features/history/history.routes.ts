import { Router, type RequestHandler } from 'express';
import { stringify } from 'csv-stringify';
import { CLUSTER_API, HistoryQuery, type HistoryItem } from '@obconsole/contracts';
import { z } from 'zod';
import { toAppError } from '../../lib/db.js';
import { renewBudget } from '../../lib/deadline.js';
import { parse } from '../../lib/validate.js';
import { clusterOf } from '../../middleware/cluster.js';
import { historyDetail, historyPage, historyRows } from '../jobs/history.service.js';
import { HISTORY_CSV_COLUMNS, historyCsvRow } from '../jobs/history-csv.js';

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
    res.json(await historyPage(req.ctx!, q, clusterOf(req).cursors, clusterOf(req).starters));
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
    // The byte-order mark makes spreadsheet apps read UTF-8 (Chinese comments and names) as such.
    const csv = stringify({ header: true, columns: HISTORY_CSV_COLUMNS, bom: true });
    csv.pipe(res);
    const write = async (items: HistoryItem[]) => {
      for (const i of items) {
        const ok = csv.write(historyCsvRow(i));
        // Back-pressure: wait for the socket rather than buffering the whole export.
        if (!ok) await new Promise((resolve) => csv.once('drain', resolve));
      }
    };
    let aborted = false;
    req.on('close', () => {
      aborted = true;
    });
    try {
      if (!first.done) await write(first.value);
      renewBudget();
      for await (const items of rows) {
        if (aborted) break;
        await write(items);
        renewBudget();
      }
      csv.end();
    } catch (e) {
      // The answer has started: the error can only be logged (with its stack when it is a bug).
      const err = toAppError(e);
      if (err.code === 'INTERNAL') clusterOf(req).log.error({ err: e }, 'csv export stopped');
      else clusterOf(req).log.warn({ err: err.code }, 'csv export stopped');
      csv.end();
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
