import express, { type Express, type RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { Logger } from 'pino';

import type { Config } from './config';
import type { Database } from './db/database';
import { pooledSql } from './db/pooled-sql';
import { createEventHandlers } from './events/event-handlers';
import type { EventStore } from './events/event-store';
import { loadContract, type OpenApiDocument } from './http/contract';
import { createCors } from './http/cors';
import { serveDashboard } from './http/dashboard';
import { createErrorHandler } from './http/error-handler';
import { parseJsonBodies } from './http/json-body';
import { problems } from './http/problems';
import { requireReportsToken } from './http/reports-auth';
import { createRequestLog } from './http/request-log';
import { createRoutes } from './http/routes';
import { createServiceHandlers } from './http/service-handlers';
import { reportDefinition } from './reports/all-reports';
import { readReports } from './reports/read-reports';
import { createReportHandlers, type ReadReports } from './reports/report-handlers';

export interface AppDependencies {
  config: Pick<Config, 'basePath' | 'allowedOrigins' | 'reportsToken' | 'reportTimeZone'>;
  database: Database;
  events: EventStore;
  logger: Logger;
}

const EVENT_BODY_LIMIT_KIB = 16;
const BATCH_BODY_LIMIT_KIB = 512;

/**
 * Builds the Express app; it never listens (see server.ts). The contract
 * drives it: express-openapi-validator checks each request against
 * openapi/swagger.yaml, and the routes are that document's operations.
 */
export function createApp({ config, database, events, logger }: AppDependencies): Express {
  const contract = loadContract(config.basePath);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('etag', false);

  app.use(createRequestLog(logger));
  app.use(withoutTrailingSlash(config.basePath));
  app.use(headAsGet);
  app.use(createCors(config.allowedOrigins));
  app.use(`${config.basePath}/dashboard`, serveDashboard());
  app.use(`${config.basePath}/reports`, requireReportsToken(config.reportsToken));
  app.use(
    parseJsonBodies(EVENT_BODY_LIMIT_KIB, { [`${config.basePath}/events`]: BATCH_BODY_LIMIT_KIB }),
  );
  app.use(createValidator(contract.document));

  const handlers = {
    ...createEventHandlers(events),
    ...createServiceHandlers(database, contract),
    ...createReportHandlers(storedReports(database, config.reportTimeZone), columnsOf),
  };
  app.use(config.basePath || '/', createRoutes(contract.document, handlers));

  app.use((_req, _res, next) => next(problems.notFound()));
  app.use(createErrorHandler(logger));
  return app;
}

function storedReports(database: Database, timeZone: string): ReadReports {
  const sql = pooledSql(database.knex);
  return (kind, from, to) => readReports(sql, kind, from, to, timeZone);
}

function columnsOf(kind: Parameters<typeof reportDefinition>[0]): readonly string[] {
  return reportDefinition(kind).columns;
}

function createValidator(document: OpenApiDocument): RequestHandler[] {
  return OpenApiValidator.middleware({
    // The validator keeps its own copy; ours stays as served.
    apiSpec: structuredClone(document) as never,
    validateRequests: {
      // A frontend's cache-busting `?t=…` must not cost an event.
      allowUnknownQueryParameters: true,
      coerceTypes: false,
      allErrors: true,
      discriminator: true,
    },
    validateResponses: false,
    validateFormats: true,
    // 'full' checks calendar dates (no 2026-02-30), not only their shape.
    ajvFormats: { mode: 'full' },
    ignoreUndocumented: false,
  }) as RequestHandler[];
}

/**
 * HEAD is GET without a body (RFC 9110 §9.3.2), but the contract lists only
 * GET. Node decided when the response was made that a HEAD answer carries no
 * body, so the request can be routed and validated as the GET it mirrors.
 */
const headAsGet: RequestHandler = (req, _res, next) => {
  if (req.method === 'HEAD') req.method = 'GET';
  next();
};

/**
 * Deployed frontends post to `/search_event/`: a trailing slash names the
 * same operation, so it is dropped before routing and validation.
 */
function withoutTrailingSlash(basePath: string): RequestHandler {
  const root = basePath === '' ? '/' : basePath;

  return (req, _res, next) => {
    const [pathname, query] = splitUrl(req.url);
    if (pathname.length > 1 && pathname.endsWith('/')) {
      const trimmed = pathname.replace(/\/+$/, '') || '/';
      req.url = (trimmed === basePath ? root : trimmed) + query;
    }
    next();
  };
}

function splitUrl(url: string): [string, string] {
  const index = url.indexOf('?');
  return index === -1 ? [url, ''] : [url.slice(0, index), url.slice(index)];
}
