import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody } from '@obconsole/contracts';
import { AppError } from '../lib/errors.js';
import { toAppError } from '../lib/db.js';
import type { Logger } from '../lib/logger.js';

/** The one place errors become responses: { error: { code, message, details } }. */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let app: AppError;
    if (err instanceof AppError) app = err;
    else if (isBodyParserError(err)) app = fromBodyParser(err);
    else app = fromHttpError(err) ?? toAppError(err);
    if (app.status >= 500 && app.code === 'INTERNAL') {
      // Every 500 is logged with the stack of what caused it, never sent to the client. Driver
      // errors carry their SQL, so only the message and stack are logged.
      const cause = (app === err ? app.cause : err) ?? app;
      const e = cause as Error;
      log.error(
        {
          err: { message: e?.message, stack: e?.stack },
          method: req.method,
          url: req.originalUrl,
        },
        'unhandled error',
      );
    }
    if (res.headersSent || req.socket.destroyed) {
      if (req.socket.destroyed)
        log.info(
          { code: app.code, method: req.method, url: req.originalUrl },
          'client gone before the answer',
        );
      res.end();
      return;
    }
    const body: ErrorBody = {
      error: {
        code: app.code,
        message: app.message,
        ...(app.params ? { params: app.params } : {}),
        ...(app.details ? { details: app.details } : {}),
      },
    };
    const retryAfter = app.details?.retryAfterSeconds;
    if (app.code === 'RATE_LIMITED' && typeof retryAfter === 'number')
      res.set('Retry-After', String(retryAfter));
    res.status(app.status).json(body);
  };
}

/**
 * The client's own mistakes that Express and serve-static report as http-errors: a missing
 * static file (404) or a URL that does not decode (400). They are answers, not server faults.
 */
function fromHttpError(e: unknown): AppError | null {
  if (typeof e !== 'object' || e === null) return null;
  const status =
    (e as { status?: unknown; statusCode?: unknown }).status ??
    (e as { statusCode?: unknown }).statusCode;
  if (status === 404) return new AppError('NOT_FOUND', 'There is no such file or page.');
  if (status === 400 || e instanceof URIError)
    return new AppError(
      'VALIDATION_FAILED',
      'The URL is malformed (a bad % escape?). Check the address.',
    );
  return null;
}

interface BodyParserError {
  type: string;
  status?: number;
}

function isBodyParserError(e: unknown): e is BodyParserError {
  return typeof e === 'object' && e !== null && 'type' in e && typeof e.type === 'string';
}

function fromBodyParser(e: BodyParserError): AppError {
  switch (e.type) {
    case 'entity.parse.failed':
      return new AppError(
        'MALFORMED_JSON',
        'The request body is not valid JSON: send one JSON object, such as {"type": "full", "tenants": "all"}.',
      );
    case 'entity.too.large':
      return new AppError(
        'PAYLOAD_TOO_LARGE',
        'The request body is too large (the limit is 16 kB).',
        undefined,
        { limitKb: 16 },
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('VALIDATION_FAILED', 'Send the body as UTF-8 JSON.', undefined, {
        variant: 'encoding',
      });
    default:
      return new AppError('VALIDATION_FAILED', 'The request body could not be read.', undefined, {
        variant: 'unreadable',
      });
  }
}
