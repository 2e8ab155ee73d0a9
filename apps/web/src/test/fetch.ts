import { vi } from 'vitest';
import type { ErrorBody } from '@obconsole/contracts';

export interface RecordedRequest {
  method: string;
  path: string;
  search: string;
  headers: Record<string, string>;
  body: unknown;
}

type Reply =
  | { status?: number; body?: unknown }
  | ((req: RecordedRequest) => { status?: number; body?: unknown });

/** A fake BFF: `'POST /api/backups': { status: 202, body }`; unknown routes answer 404. */
export function stubFetch(routes: Record<string, Reply>) {
  const calls: RecordedRequest[] = [];
  const fetchMock = vi.fn((input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(href, 'http://console.test');
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const req: RecordedRequest = {
      method: (init?.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      search: url.search,
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(req);
    const route = routes[`${req.method} ${req.path}`];
    const reply = typeof route === 'function' ? route(req) : route;
    const res = reply
      ? jsonResponse(reply.status ?? 200, reply.body)
      : jsonResponse(404, errorBody('NOT_FOUND', `no stub for ${req.method} ${req.path}`));
    return Promise.resolve(res);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export function errorBody(
  code: ErrorBody['error']['code'],
  message: string,
  details?: Record<string, unknown>,
  params?: Record<string, string | number>,
): ErrorBody {
  return {
    error: { code, message, ...(params ? { params } : {}), ...(details ? { details } : {}) },
  };
}

function jsonResponse(status: number, body: unknown): Response {
  if (status === 204 || body === undefined) return new Response(null, { status });
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}
