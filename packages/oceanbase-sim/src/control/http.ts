import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ControlError } from '../errors.js';
import type { SimulatorControl } from './api.js';

export interface ControlServer {
  port: number;
  close(): Promise<void>;
}

class BadRequest extends Error {}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > 1024 * 1024) throw new BadRequest('body too large');
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequest('body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new BadRequest('body must be a JSON object');
  return parsed as Record<string, unknown>;
}

type Handler = (body: Record<string, unknown>, url: URL) => unknown;

/**
 * The control channel can reset the database and read statements: a web page the operator has
 * open must not reach it. Browsers mark cross-site requests (Origin, Sec-Fetch-Site) and a
 * DNS-rebound page still sends its own Host name; tools such as curl send neither.
 */
function crossSiteReason(req: IncomingMessage, port: number): string | null {
  const own = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!own.has(host)) return `the Host header must be 127.0.0.1:${port} or localhost:${port}`;
  const origin = req.headers.origin;
  if (origin !== undefined && !own.has(origin.toLowerCase().replace(/^http:\/\//, '')))
    return 'requests from web pages of other origins are refused';
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return 'cross-site requests are refused';
  if (req.method === 'POST') {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const length = Number(req.headers['content-length'] ?? 0);
    if (
      type !== 'application/json' &&
      (length > 0 || req.headers['transfer-encoding'] !== undefined)
    )
      return 'a POST body must be sent as application/json';
  }
  return null;
}

/** The test/demo control channel: JSON over HTTP on 127.0.0.1 only. */
export async function startControlServer(
  control: SimulatorControl,
  port: number,
): Promise<ControlServer> {
  const routes: Record<string, Handler> = {
    'GET /health': () => ({ ok: true }),
    'GET /stats': () => control.stats(),
    'POST /stats/reset-peaks': () => {
      control.resetPeaks();
      return { reset: true };
    },
    'GET /statements': (_b, url) => {
      const raw = url.searchParams.get('limit');
      const limit = raw === null ? 100 : Number(raw);
      return { statements: control.statements(limit) };
    },
    'GET /clock': () => control.clock(),
    'POST /clock/advance': (b) => {
      control.advance(b.seconds as number);
      return control.clock();
    },
    'POST /clock/set': (b) => {
      control.setClock(typeof b.now === 'string' ? Date.parse(b.now) * 1000 : (b.nowUs as number));
      return control.clock();
    },
    'POST /clock/speed': (b) => {
      control.setSpeed(b.speed as number);
      return control.clock();
    },
    'POST /clock/manual': (b) => {
      control.setManualClock(b.manual as boolean);
      return control.clock();
    },
    'POST /faults/fail-next-task': (b) =>
      control.failNextTask(
        b.tenant as string,
        b.result === undefined ? undefined : (b.result as number),
        b.comment as string | undefined,
      ),
    'POST /archive': (b) => {
      control.setArchive(b.tenant as string, b.action as 'stop' | 'resume' | 'interrupt');
      return { ok: true };
    },
    'POST /tenants/status': (b) => {
      control.setTenantStatus(b.tenant as string, b.status as string);
      return { ok: true };
    },
    'POST /connections/drop': (b) => ({
      dropped: control.dropConnections(
        b.refuseSeconds === undefined ? 0 : (b.refuseSeconds as number),
      ),
    }),
    'POST /faults/stall': (b) =>
      control.stall(
        b.on === undefined ? true : (b.on as boolean),
        b.seconds === undefined ? undefined : (b.seconds as number),
      ),
    'POST /history/seed': (b) =>
      control.seedHistory(b.count as number, b.seed === undefined ? undefined : (b.seed as number)),
    'POST /reset': async () => {
      await control.reset();
      return { ok: true };
    },
  };

  let bound = port;
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const refused = crossSiteReason(req, bound);
        if (refused) return send(res, 403, { error: `control channel: ${refused}` });
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const key = `${req.method ?? 'GET'} ${url.pathname}`;
        const handler = routes[key];
        if (!handler) {
          const known = Object.keys(routes).some((k) => k.endsWith(` ${url.pathname}`));
          return send(res, known ? 405 : 404, {
            error: known ? 'method not allowed' : 'not found',
          });
        }
        const body = req.method === 'POST' ? await readJson(req) : {};
        const result = await handler(body, url);
        send(res, 200, result ?? { ok: true });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const status = e instanceof BadRequest || e instanceof ControlError ? 400 : 500;
        send(res, status, { error: message });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  bound = typeof address === 'object' && address ? address.port : port;
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
