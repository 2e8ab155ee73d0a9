import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  /** Path and query string, as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: unknown;
}

type Reply = { status: number; body: string } | 'hang';

/**
 * A local HTTP receiver for alert tests: records every request, answers 200 with `answer` (or what
 * the next queued replies say: a status and body, or hanging without an answer), and can be
 * stopped and started again on the same port to play a receiver that is down for a while.
 */
export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  answer: { status: number; body: string } = { status: 200, body: 'ok' };
  readonly #queued: Reply[] = [];
  #server: http.Server | null = null;
  #port = 0;
  readonly #waiters: { n: number; resolve: () => void }[] = [];

  get port(): number {
    return this.#port;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.#port}${path}`;
  }

  /** The next replies, in order, before falling back to `answer`. */
  queue(...replies: Reply[]): void {
    this.#queued.push(...replies);
  }

  async start(port = this.#port): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown = undefined;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        this.requests.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body,
          json,
        });
        for (const w of [...this.#waiters])
          if (this.requests.length >= w.n) {
            this.#waiters.splice(this.#waiters.indexOf(w), 1);
            w.resolve();
          }
        const reply = this.#queued.shift() ?? this.answer;
        if (reply === 'hang') return;
        res.writeHead(reply.status, { 'Content-Type': 'text/plain' }).end(reply.body);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
  }

  /** Resolves once `n` requests in total have arrived. */
  received(n: number): Promise<void> {
    if (this.requests.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ n, resolve }));
  }

  async stop(): Promise<void> {
    const s = this.#server;
    this.#server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
