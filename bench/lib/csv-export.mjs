// The CSV export of the history bench: one export streamed and counted while the BFF's RSS is
// sampled, and the verdict over the four exports (rows complete, memory flat, gzip vs plain).
import http from 'node:http';
import zlib from 'node:zlib';
import { rssOf } from './stack.mjs';
import { mb, now } from './stats.mjs';

/** Fractions of the rows at which the RSS growth is read during an export. */
export const MARKS = [0.1, 0.25, 0.5, 0.75];
const GZIP_TARGET = 1.2;

/**
 * The verdict over [failed only, everything, everything gzip, everything under a 48 MiB old
 * space]: `{ text, pass }`.
 */
export function csvVerdict(csv) {
  const [small, big, gz, capped] = csv;
  let csvText;
  const allRows = csv.every((c) => c.status === 200 && c.rows === c.expected);
  if (allRows) {
    // "Constant memory", judged inside each export of everything once it runs (a quarter of the
    // rows in): the RSS may not climb with the rows. Plain and gzip: at most 16 MiB more at 75 %
    // than at 25 % (memory kept per row would have tripled). Under a 48 MiB old space, where V8
    // collects early and the RSS barely swings: no sample after 25 % more than 16 MiB above it
    // (rows kept in the heap would not fit; buffers kept outside it would show here). The peaks
    // are printed, not judged: an uncapped V8 uses the heap room it has (its RSS swings by tens
    // of MiB between collections), so they say when it collected, not what it kept.
    const quarter = MARKS.indexOf(0.25);
    const climb = (r) => r.marks[MARKS.indexOf(0.75)] - r.marks[quarter];
    const climbBig = climb(big);
    const climbGz = climb(gz);
    const climbCapped = capped.peakLate - capped.marks[quarter];
    const LIMIT = 16 * 1048576;
    // Streamed: a quarter of the rows has arrived within the first half of the export's time.
    // An export that kept everything and sent it at the end would pass the marks above (they
    // would all be read at the end, equal), so this is judged too.
    const lateQuarter = [big, gz, capped].find((r) => r.marksAt[quarter] > r.ms / 2);
    const streamed = lateQuarter === undefined;
    const flat = climbBig <= LIMIT && climbGz <= LIMIT && climbCapped <= LIMIT && streamed;
    const signed = (b) => `${b >= 0 ? '+' : ''}${mb(b, 0)}`;
    console.log(
      `\nRSS growth from 25 % to 75 % of the rows: ${mb(climbBig)} plain, ${mb(climbGz)} gzip; ` +
        `48 MiB old space: highest after 25 % ${mb(climbCapped)} above it (target ≤ 16 MiB each)`,
    );
    console.log(
      `a quarter of the rows arrived after ${[big, gz, capped].map((r) => `${Math.round((100 * r.marksAt[quarter]) / r.ms)} %`).join(', ')} of the time (plain, gzip, 48 MiB; target ≤ 50 %): ${streamed ? 'streamed' : 'NOT streamed'}`,
    );
    console.log(
      `peaks (not judged): ${mb(small.peak - small.rssBefore)} for ${small.rows} rows, ${mb(big.peak - big.rssBefore)} for ${big.rows} rows, ${mb(capped.peak - capped.rssBefore)} under 48 MiB`,
    );
    csvText =
      `CSV ${big.rows} rows in ${(big.ms / 1000).toFixed(0)} s, RSS after 25 % ${signed(climbBig)} plain, ${signed(climbGz)} gzip, ${signed(climbCapped)} in 48 MiB (target ≤ 16 MiB)` +
      `${streamed ? '' : `, 25 % of the rows only after ${Math.round((100 * lateQuarter.marksAt[quarter]) / lateQuarter.ms)} % of the time`}${flat ? '' : ' (NOT flat)'}`;
    const gzRatio = gz.ms / big.ms;
    console.log(
      `compressed export ${(gz.ms / 1000).toFixed(1)} s (${mb(gz.wire)} on the wire) vs ${(big.ms / 1000).toFixed(1)} s uncompressed: ${gzRatio.toFixed(2)}× (target ≤ ${GZIP_TARGET})`,
    );
    csvText += `; gzip/plain ${gzRatio.toFixed(2)} (target ≤ ${GZIP_TARGET})`;
    return { text: csvText, pass: flat && gzRatio <= GZIP_TARGET };
  } else {
    const bad = csv.find((c) => !(c.status === 200 && c.rows === c.expected));
    csvText = `CSV export FAILED (${bad.label}: HTTP ${bad.status}, ${bad.rows}/${bad.expected} rows${bad.code ? `, ${bad.code}` : ''})`;
    return { text: csvText, pass: false };
  }
}

/** Streams one CSV export, counting records (newlines outside quotes) and sampling the BFF's RSS. */
export function exportCsv(bffProc, cookie, path, expected, gzip = false) {
  return new Promise((resolve, reject) => {
    const rssBefore = rssOf(bffProc.pid);
    const marks = [];
    /** When each mark was reached, in ms since the request: rows that arrive as they are read. */
    const marksAt = [];
    let peak = rssBefore;
    // The highest RSS once a quarter of the rows has arrived: the export is running by then.
    let peakLate = 0;
    const sample = () => {
      const rss = rssOf(bffProc.pid);
      peak = Math.max(peak, rss);
      if (marks.length > MARKS.indexOf(0.25)) peakLate = Math.max(peakLate, rss - rssBefore);
    };
    const sampler = setInterval(() => {
      try {
        sample();
      } catch {
        /* process gone */
      }
    }, 20);
    const started = now();
    const url = new URL(path, bffProc.baseUrl);
    const headers = gzip ? { cookie, 'accept-encoding': 'gzip' } : { cookie };
    const req = http.get(url, { headers }, (raw) => {
      let wire = 0;
      raw.on('data', (d) => {
        wire += d.length;
      });
      const res = raw.headers['content-encoding'] === 'gzip' ? raw.pipe(zlib.createGunzip()) : raw;
      res.statusCode = raw.statusCode;
      let bytes = 0;
      let records = 0;
      let inQuote = false;
      const chunks = [];
      res.on('data', (d) => {
        bytes += d.length;
        if (res.statusCode !== 200) {
          chunks.push(d);
          return;
        }
        for (let i = 0; i < d.length; i++) {
          const b = d[i];
          if (b === 0x22) inQuote = !inQuote;
          else if (b === 0x0a && !inQuote) records++;
        }
        // RSS growth when 10 %, 25 %, 50 %, 75 % of the rows have arrived: flat or climbing?
        while (marks.length < MARKS.length && records >= MARKS[marks.length] * expected) {
          marks.push(rssOf(bffProc.pid) - rssBefore);
          marksAt.push(now() - started);
        }
      });
      res.on('end', () => {
        clearInterval(sampler);
        sample();
        const result = {
          status: res.statusCode,
          bytes,
          wire,
          ms: now() - started,
          rssBefore,
          peak,
          peakLate,
        };
        if (res.statusCode === 200) {
          resolve({ ...result, rows: Math.max(0, records - 1), marks, marksAt });
        } else {
          const text = Buffer.concat(chunks).toString('utf8');
          let code = '';
          let message = text.slice(0, 300);
          try {
            const err = JSON.parse(text).error;
            code = `${err.code}${err.details?.errno ? ` ${err.details.errno}` : ''}`;
            message = `${err.code}: ${err.message.slice(0, 240)}… (error body ${text.length} bytes)`;
          } catch {
            /* not JSON */
          }
          resolve({ ...result, rows: 0, code, error: message });
        }
      });
      res.on('error', reject);
    });
    req.on('error', (e) => {
      clearInterval(sampler);
      reject(e);
    });
  });
}
