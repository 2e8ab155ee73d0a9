import type { RequestHandler, Response } from 'express';
import { gzip, gzipSync } from 'node:zlib';

/** Larger answers are compressed on zlib's thread pool, not on the event loop. */
const SYNC_LIMIT = 1024 * 1024;

/**
 * Gzip for answers sent whole (`res.json`, `res.send` of a string or Buffer) of at least
 * `threshold` bytes, compressed at once and sent in one write with a Content-Length. The
 * compression middleware would push the same bytes through a zlib stream on the thread pool and
 * send them chunked: several turns of the event loop and writes per answer, which a history page
 * waited for. Only streamed answers (the CSV exports) still go through it (app.ts); answers
 * already encoded are left alone. A browser that also offers
 * brotli gets gzip here too: the fastest to make, for an answer the request waits for.
 */
export function wholeAnswerGzip(threshold: number, level: number): RequestHandler {
  return (req, res, next) => {
    const send = res.send;
    res.send = function sendGzipped(this: Response, body?: unknown) {
      const size =
        typeof body === 'string'
          ? Buffer.byteLength(body, 'utf8')
          : Buffer.isBuffer(body)
            ? body.length
            : -1;
      if (
        size < threshold ||
        this.getHeader('Content-Encoding') !== undefined ||
        String(this.getHeader('Cache-Control') ?? '').includes('no-transform')
      ) {
        return send.call(this, body);
      }
      this.vary('Accept-Encoding');
      if (req.acceptsEncodings('gzip', 'identity') !== 'gzip' || req.method === 'HEAD') {
        return send.call(this, body);
      }
      // res.json set the JSON type before calling send; a bare string keeps send's default.
      if (typeof body === 'string' && !this.getHeader('Content-Type')) this.type('html');
      this.setHeader('Content-Encoding', 'gzip');
      const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : (body as Buffer);
      if (size <= SYNC_LIMIT) return send.call(this, gzipSync(raw, { level }));
      gzip(raw, { level }, (err, zipped) => {
        if (!err) return void send.call(this, zipped);
        // Not compressed after all: the same answer as it is.
        this.removeHeader('Content-Encoding');
        send.call(this, raw);
      });
      return this;
    };
    next();
  };
}
