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
    else {
      app = toAppError(err);
      if (app.code === 'INTERNAL') {
        // The stack goes to the log, never to the client. Driver errors carry their SQL, so
        // only the message and stack are logged.
        const e = err as Error;
        log.error(
          {
            err: { message: e?.message, stack: e?.stack },
            method: req.method,
            url: req.originalUrl,
          },
          'unhandled error',
        );
      }
    }
    if (res.headersSent) {
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
