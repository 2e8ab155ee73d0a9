import type { RequestHandler } from 'express';
import type { Logger } from '../lib/logger.js';

/**
 * One line per answered request, written when the answer is done: method, URL, status and the
 * time it took; a 5xx is a warning (the error handler has logged its cause), an answer the client
 * left before it was sent (an SSE stream closed, a request given up) says so. This replaces pino-http, which built a child logger (its bindings
 * serialized) and hooked three events for every request in order to write the same line, and
 * cost a request more than a tenth of a millisecond before its first statement (bench
 * bff-overhead, issue 11). Nothing here reads `req.log`; code logs through the app's logger.
 */
export function requestLog(log: Logger, quiet: (url: string) => boolean): RequestHandler {
  return (req, res, next) => {
    // Taken now: routers rewrite req.url on the way down.
    const { method, url } = req;
    if (quiet(url)) return next();
    const started = performance.now();
    res.once('close', () => {
      const line = {
        req: { method, url },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - started),
      };
      if (!res.writableFinished) log.info(line, 'request aborted');
      else if (res.statusCode >= 500) log.warn(line, 'request errored');
      else log.info(line, 'request completed');
    });
    next();
  };
}
