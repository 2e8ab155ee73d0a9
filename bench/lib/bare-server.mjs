// The least an HTTP server in front of the database can cost: node:http and a mysql2 pool of two
// connections (the BFF's options), each GET /<name> sending the statements captured for <name>
// as the BFF sent them (grouped by connection, the groups side by side), answering the rows as
// JSON (gzip at level 1 from 8 KiB, with a Content-Length, as the BFF does) and writing one log
// line to its stdout synchronously. No Express, session, validation or mapping. bff-overhead uses
// it to tell what any process in front of the database costs on this machine from what the BFF
// itself adds.
// Runs in a process of its own: `child.mjs bare '{"sqlPort","user","password","captured"}'`.
import http from 'node:http';
import { writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import mysql from 'mysql2/promise';
import { BFF_CONNECTION_OPTIONS, BFF_SESSION_SETUP } from './mysql-options.mjs';

/** `captured`: name → [{ connectionId, text }]. Resolves { port, close() }. */
export async function startBareServer({ sqlPort, user, password, captured }) {
  const pool = mysql.createPool({
    host: '127.0.0.1',
    port: sqlPort,
    user,
    password,
    connectionLimit: 2,
    ...BFF_CONNECTION_OPTIONS,
  });
  pool.pool.on('connection', (c) => c.query(BFF_SESSION_SETUP));

  const answer = async (req, res) => {
    const groups = new Map();
    for (const s of captured[req.url.slice(1)] ?? [])
      groups.set(s.connectionId, [...(groups.get(s.connectionId) ?? []), s.text]);
    if (groups.size === 0) return void res.writeHead(404).end();
    const results = await Promise.all(
      [...groups.values()].map(async (texts) => {
        const c = await pool.getConnection();
        try {
          const rows = [];
          for (const t of texts) rows.push((await c.query(t))[0]);
          return rows;
        } finally {
          c.release();
        }
      }),
    );
    let body = Buffer.from(JSON.stringify(results.flat()));
    const headers = {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    };
    if (body.length >= 8 * 1024 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = gzipSync(body, { level: 1 });
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers).end(body);
  };

  const server = http.createServer((req, res) => {
    const started = performance.now();
    answer(req, res)
      .catch((e) => res.writeHead(500).end(String(e?.message)))
      .finally(() => {
        const line = {
          level: 30,
          time: Date.now(),
          req: { method: req.method, url: req.url },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - started),
          msg: 'request completed',
        };
        writeSync(1, `${JSON.stringify(line)}\n`);
      });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}
