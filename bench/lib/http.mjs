// A minimal HTTP client over node:http with a keep-alive agent and one cookie jar per client:
// what a browser tab does, without fetch's extra layers in the measured path.
import http from 'node:http';
import zlib from 'node:zlib';
import { randomUUID } from 'node:crypto';

export const PASSWORD = 'oceanbase';
/** The one cluster the benchmark BFF serves (child.mjs), and its routes' base path. */
export const CLUSTER = 'bench';
export const K = `/api/clusters/${CLUSTER}`;

export function keepAliveAgent(maxSockets = 16) {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export class Client {
  /** @param {string} baseUrl @param {{agent?: http.Agent, cluster?: string}} [opts] */
  constructor(baseUrl, opts = {}) {
    this.base = new URL(baseUrl);
    /** The cluster's API prefix: /api/clusters/<id> (default: the bench cluster). */
    this.k = `/api/clusters/${opts.cluster ?? CLUSTER}`;
    this.agent = opts.agent ?? keepAliveAgent(4);
    this.cookie = '';
  }

  /** Resolves {status, headers, body} with the whole body as a string. */
  request(method, path, { body, headers = {} } = {}) {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          agent: this.agent,
          headers: {
            accept: 'application/json',
            // What every browser sends: the BFF's compression is part of what is measured.
            'accept-encoding': 'gzip',
            ...(this.cookie ? { cookie: this.cookie } : {}),
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': payload.length }
              : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            this.#keepCookie(res);
            const raw = Buffer.concat(chunks);
            const body = res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw;
            resolve({
              status: res.statusCode,
              headers: res.headers,
              body: body.toString('utf8'),
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  async json(method, path, opts) {
    const res = await this.request(method, path, opts);
    if (res.status < 200 || res.status >= 300) {
      throw new Error(`${method} ${path}: ${res.status} ${res.body.slice(0, 300)}`);
    }
    return res.body ? JSON.parse(res.body) : null;
  }

  get(path) {
    return this.json('GET', path);
  }

  async login(user, tenant, password = PASSWORD) {
    return this.json('POST', `${this.k}/session`, { body: { user, tenant, password } });
  }

  logout() {
    return this.request('DELETE', `${this.k}/session`);
  }

  startBackup(tenants, type = 'full') {
    return this.json('POST', `${this.k}/backups`, {
      body: { type, tenants },
      headers: { 'idempotency-key': randomUUID() },
    });
  }

  /**
   * Opens GET /api/events and counts events by name. Returns {counts, close(), ready}.
   * ready resolves once the response headers arrived.
   */
  events() {
    const counts = {};
    let req;
    const ready = new Promise((resolve, reject) => {
      req = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path: `${this.k}/events`,
          // A stream holds its socket for good: keep it out of the pooled agent.
          agent: false,
          headers: { accept: 'text/event-stream', cookie: this.cookie },
        },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`events: ${res.statusCode}`));
          res.setEncoding('utf8');
          let buf = '';
          res.on('data', (chunk) => {
            buf += chunk;
            let end;
            while ((end = buf.indexOf('\n\n')) >= 0) {
              const block = buf.slice(0, end);
              buf = buf.slice(end + 2);
              const m = /^event: (.+)$/m.exec(block);
              if (m) counts[m[1]] = (counts[m[1]] ?? 0) + 1;
            }
          });
          res.on('error', () => undefined);
          resolve();
        },
      );
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
      req.end();
    });
    return { counts, ready, close: () => req.destroy() };
  }

  #keepCookie(res) {
    const set = res.headers['set-cookie'];
    if (!set) return;
    for (const c of set) {
      const pair = c.split(';')[0];
      if (pair.startsWith('obconsole.sid='))
        this.cookie = /Expires=Thu, 01 Jan 1970/i.test(c) ? '' : pair;
    }
  }
}
