// Small statistics and formatting helpers shared by the benchmarks.

/** p-th percentile (0..100) of numbers, nearest-rank on a sorted copy. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

export function median(values) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarize(values) {
  return {
    n: values.length,
    median: median(values),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

export const ms = (v, digits = 2) => `${Number(v).toFixed(digits)} ms`;
export const mb = (bytes, digits = 1) => `${(bytes / 1048576).toFixed(digits)} MiB`;
export const kb = (bytes, digits = 1) => `${(bytes / 1024).toFixed(digits)} KiB`;

/** High-resolution milliseconds. */
export const now = () => Number(process.hrtime.bigint()) / 1e6;

export const sleep = (msec) => new Promise((resolve) => setTimeout(resolve, msec));

/** Runs fn over items with at most `limit` in flight; results in input order. */
export async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Prints the one-line summary every benchmark ends with. */
export function summary(name, text, pass) {
  const verdict = pass === undefined ? 'INFO' : pass ? 'PASS' : 'FAIL';
  console.log(`SUMMARY ${name}: ${text} ${verdict}`);
}
