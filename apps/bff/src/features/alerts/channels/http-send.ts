import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { DeliveryResult } from './types.js';
import type { OutboundPolicy } from './allowed-hosts.js';

export interface HttpPost {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface SendOptions {
  policy: OutboundPolicy;
  timeoutMs?: number;
  /** Decides from the answer whether the receiver accepted it (robots answer 200 with an errcode). */
  accepted?: (status: number, body: string) => string | null;
  /** Strings that must not appear in what is shown back (the URL's token, the secret). */
  secrets?: string[];
}

const MAX_ANSWER = 2048;

function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('••••');
  return out;
}

/**
 * POSTs one message and reports what the receiver said. Never throws: every failure is a
 * DeliveryResult with the reason in words, the secrets taken out, and whether a retry may help.
 */
export function postJson(req: HttpPost, o: SendOptions): Promise<DeliveryResult> {
  const started = Date.now();
  const secrets = o.secrets ?? [];
  const done = (r: Omit<DeliveryResult, 'durationMs'>): DeliveryResult => ({
    ...r,
    response: scrub(r.response, secrets),
    error: scrub(r.error, secrets),
    durationMs: Date.now() - started,
  });
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return Promise.resolve(
      done({
        ok: false,
        status: null,
        response: '',
        error: 'the URL is not valid',
        retryable: false,
      }),
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return Promise.resolve(
      done({
        ok: false,
        status: null,
        response: '',
        error: `only http and https URLs are allowed, not ${url.protocol}`,
        retryable: false,
      }),
    );
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const refused = o.policy.refusal(host, host);
    if (refused)
      return Promise.resolve(
        done({ ok: false, status: null, response: '', error: refused, retryable: false }),
      );
  }
  let refusedAtConnect: string | null = null;
  // The check runs on the address the socket really connects to: no window between the check
  // and the connection for a name to start resolving elsewhere.
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list: LookupAddress[] = addresses;
      for (const a of list) {
        const why = o.policy.refusal(hostname, a.address);
        if (why) {
          refusedAtConnect = why;
          return callback(Object.assign(new Error(why), { code: 'EREFUSED_TARGET' }), '', 0);
        }
      }
      if (options.all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
  const body = Buffer.from(req.body, 'utf8');
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const r = client.request(
      url,
      {
        method: 'POST',
        lookup,
        headers: { ...req.headers, 'Content-Length': String(body.length) },
        timeout: o.timeoutMs ?? 10_000,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_ANSWER) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER);
          if (status < 200 || status >= 300) {
            return resolve(
              done({
                ok: false,
                status,
                response: text,
                error: `the receiver answered HTTP ${status}`,
                retryable: status === 408 || status === 429 || status >= 500,
              }),
            );
          }
          const refusal = o.accepted?.(status, text) ?? null;
          resolve(
            done({
              ok: refusal === null,
              status,
              response: text,
              error: refusal ?? '',
              // A robot that refuses the content (bad signature, bad format) refuses it again.
              retryable: false,
            }),
          );
        });
        res.on('error', (e) =>
          resolve(done({ ok: false, status, response: '', error: e.message, retryable: true })),
        );
      },
    );
    r.on('timeout', () => r.destroy(new Error(`no answer within ${o.timeoutMs ?? 10_000} ms`)));
    r.on('error', (e: NodeJS.ErrnoException) => {
      const refused = refusedAtConnect !== null;
      resolve(
        done({
          ok: false,
          status: null,
          response: '',
          error: refused ? refusedAtConnect! : `could not reach ${host}: ${e.message}`,
          retryable: !refused,
        }),
      );
    });
    r.end(body);
  });
}
