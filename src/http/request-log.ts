import { randomUUID } from 'node:crypto';

import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/**
 * One log line per request, written when the response is finished: method,
 * the route of the contract (never the raw URL or body), status and duration.
 * Each request gets a child logger carrying its id.
 */
export function createRequestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    const log = logger.child({ req_id: requestId });
    (req as { log?: Logger }).log = log;

    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = {
        method: req.method,
        route: routeOf(req),
        status: res.statusCode,
        duration_ms: Math.round(durationMs * 100) / 100,
      };
      if (res.statusCode >= 500) log.error(entry, 'request');
      else log.info(entry, 'request');
    });
    next();
  };
}

function routeOf(req: Parameters<RequestHandler>[0]): string {
  const openapi = (req as { openapi?: { openApiRoute?: string } }).openapi;
  return openapi?.openApiRoute ?? 'unmatched';
}
