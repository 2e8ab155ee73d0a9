// BENCH_TRACE=1: where a BFF request's time goes, measured inside the bench's BFF process
// (child.mjs) and printed to its stderr when it stops. Per route (URL without its query), the
// medians of:
//   pre   the request's arrival ('request' event) to its first statement sent
//   db    the time some statement of it was in flight (the union of their intervals)
//   gaps  between its first statement and its last result, with none in flight
//   map   its last result to res.json (the service shaping the answer)
//   send  res.json to res.end (JSON, gzip, headers)
// and, with BENCH_TRACE=layers, the time between one middleware or router layer's entry and the
// next's up to the first statement (segments of at least 20 µs). A diagnosis, not a measurement:
// it wraps mysql2's query and every Express layer, which costs time of its own.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import path from 'node:path';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};
const f3 = (x) => x.toFixed(3);

/** Instruments one BFF; returns report(), which writes the medians to stderr. */
export function installTrace({ root, app, server, layers }) {
  const als = new AsyncLocalStorage();
  const requests = [];

  // Every statement: mysql2's connection.query, timed from the call to its callback.
  const req = createRequire(path.join(root, 'apps/bff/package.json'));
  const Base = req(path.join(root, 'node_modules/mysql2/lib/base/connection.js'));
  const query = Base.prototype.query;
  Base.prototype.query = function tracedQuery(sql, values, cb) {
    const tr = als.getStore();
    const cmd = query.call(this, sql, values, cb);
    if (tr && cmd && typeof cmd.onResult === 'function') {
      const interval = [performance.now()];
      tr.statements.push(interval);
      const onResult = cmd.onResult;
      cmd.onResult = function (...args) {
        interval.push(performance.now());
        return onResult.apply(this, args);
      };
    }
    return cmd;
  };
  const json = app.response.json;
  app.response.json = function tracedJson(...args) {
    const tr = als.getStore();
    if (tr) tr.json = performance.now();
    return json.apply(this, args);
  };
  if (layers) wrapLayers(app.router.stack, '', als);

  server.prependListener('request', (rq, rs) => {
    const tr = { start: performance.now(), statements: [], marks: [], route: rq.url.split('?')[0] };
    als.enterWith(tr);
    const end = rs.end;
    rs.end = function tracedEnd(...args) {
      tr.end ??= performance.now();
      return end.apply(this, args);
    };
    rs.once('finish', () => requests.push(tr));
  });

  return function report() {
    const by = new Map();
    for (const r of requests) {
      if (!r.statements.length || r.json === undefined) continue;
      const iv = r.statements.map(([a, b]) => [a, b ?? a]).sort((x, y) => x[0] - y[0]);
      let busy = 0;
      let [cs, ce] = iv[0];
      for (const [a, b] of iv.slice(1)) {
        if (a > ce) {
          busy += ce - cs;
          [cs, ce] = [a, b];
        } else ce = Math.max(ce, b);
      }
      busy += ce - cs;
      const first = iv[0][0];
      const last = Math.max(...iv.map((x) => x[1]));
      const e = by.get(r.route) ?? { n: 0, pre: [], db: [], gaps: [], map: [], send: [], segs: {} };
      e.n++;
      e.pre.push(first - r.start);
      e.db.push(busy);
      e.gaps.push(last - first - busy);
      e.map.push(r.json - last);
      e.send.push(r.end - r.json);
      let prev = ['arrival', r.start];
      for (const mark of [...r.marks.filter(([, t]) => t <= first), ['first statement', first]]) {
        (e.segs[`${prev[0]} → ${mark[0]}`] ??= []).push(mark[1] - prev[1]);
        prev = mark;
      }
      by.set(r.route, e);
    }
    for (const [route, e] of by) {
      if (e.n < 10) continue;
      const m = (k) => f3(median(e[k]));
      process.stderr.write(
        `TRACE ${route} (${e.n} requests, ms): pre ${m('pre')}, db ${m('db')}, gaps ${m('gaps')}, map ${m('map')}, send ${m('send')}\n`,
      );
      for (const [seg, xs] of Object.entries(e.segs))
        if (median(xs) >= 0.02) process.stderr.write(`TRACE   ${seg} ${f3(median(xs))}\n`);
    }
  };
}

/** Marks every layer's entry (error handlers excepted), routers and routes within included. */
function wrapLayers(stack, prefix, als) {
  for (const layer of stack) {
    const handle = layer.handle;
    const name =
      prefix +
      (layer.name || handle.name || 'anonymous') +
      (layer.route ? ` ${layer.route.path}` : '');
    if (handle.stack) wrapLayers(handle.stack, `${name}/`, als);
    if (layer.route) wrapLayers(layer.route.stack, `${name}/`, als);
    if (handle.length === 4) continue;
    const traced = function (rq, rs, next) {
      als.getStore()?.marks.push([name, performance.now()]);
      return handle.call(this, rq, rs, next);
    };
    Object.defineProperty(traced, 'length', { value: handle.length });
    if (handle.stack) traced.stack = handle.stack;
    layer.handle = traced;
  }
}
