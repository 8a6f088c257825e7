import { randomBytes } from 'node:crypto';

import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/**
 * One log line per request, written when the response is finished: method,
 * the route of the contract (never the raw URL or body), status and duration.
 * Each request gets an id, also written by the error handler, so an error
 * and its request line can be matched. The id is a per-process prefix and a
 * counter: unique, and cheaper than a random UUID on the hot path.
 */
export function createRequestLog(logger: Logger): RequestHandler {
  const prefix = randomBytes(4).toString('hex');
  let served = 0;

  return (req, res, next) => {
    const started = process.hrtime.bigint();
    served += 1;
    res.locals.requestId = `${prefix}-${served.toString(36)}`;

    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = {
        req_id: res.locals.requestId,
        method: req.method,
        route: routeOf(req),
        status: res.statusCode,
        duration_ms: Math.round(durationMs * 100) / 100,
      };
      if (res.statusCode >= 500) logger.error(entry, 'request');
      else logger.info(entry, 'request');
    });
    next();
  };
}

export function requestIdOf(res: Response): string | undefined {
  return res.locals.requestId;
}

function routeOf(req: Request): string {
  const openapi = (req as { openapi?: { openApiRoute?: string } }).openapi;
  return openapi?.openApiRoute ?? 'unmatched';
}
