import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

import { isDatabaseUnreachable, isRowRejected } from '../db/database-errors';
import { HttpProblem, problems, type FieldError } from './problems';
import { requestIdOf } from './request-log';

/**
 * The shape of body-parser's errors (https://github.com/expressjs/body-parser#errors),
 * and of the http-errors it passes on, such as a body that fails to inflate.
 */
interface BodyParserError {
  type?: string;
  status: number;
  expose?: boolean;
  limit?: number;
}

/** The shape of express-openapi-validator's HttpError. */
interface ValidatorError {
  status: number;
  errors: { path: string; message: string }[];
  /** e.g. `Allow` on a 405. */
  headers?: Record<string, string>;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as Partial<BodyParserError> | undefined;
  return (
    typeof candidate?.status === 'number' &&
    (typeof candidate.type === 'string' || candidate.expose === true)
  );
}

function isValidatorError(error: unknown): error is ValidatorError {
  return Array.isArray((error as ValidatorError)?.errors) && 'status' in (error as object);
}

function fromBodyParser(error: BodyParserError): HttpProblem | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return problems.malformedJson();
    case 'entity.too.large':
      return problems.payloadTooLarge(`${Math.round((error.limit ?? 0) / 1024)} KiB`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problems.unsupportedMediaType();
    default:
      // e.g. a body that fails to inflate under its Content-Encoding
      return error.status >= 400 && error.status < 500 ? problems.unreadableBody() : undefined;
  }
}

function fromValidator(error: ValidatorError): HttpProblem | undefined {
  switch (error.status) {
    case 400:
      return problems.validation(error.errors.map(toFieldError));
    case 404:
      return problems.notFound();
    case 405:
      return problems.methodNotAllowed(error.headers?.Allow);
    case 413:
      return problems.payloadTooLarge('the limit');
    case 415:
      return problems.unsupportedMediaType();
    default:
      return undefined;
  }
}

function toFieldError(error: { path: string; message: string }): FieldError {
  return { path: error.path, message: error.message };
}

export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (isBodyParserError(error)) return fromBodyParser(error) ?? problems.internal();
  if (isValidatorError(error)) return fromValidator(error) ?? problems.internal();
  if (isDatabaseUnreachable(error)) return problems.databaseUnavailable();
  if (isRowRejected(error)) return problems.rowRejected();
  return problems.internal();
}

/**
 * The one place where failures become responses. 5xx are logged (below);
 * 4xx are the client's business and logged at info by the request log.
 * Internal messages never reach the client.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const problem = toProblem(error);

    logFailure(logger, requestIdOf(res), error, problem);
    if (res.headersSent) return;

    if (problem.retryAfter !== undefined) res.setHeader('Retry-After', String(problem.retryAfter));
    if (problem.allow !== undefined) res.setHeader('Allow', problem.allow);
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  };
}

/**
 * An unexpected failure is an error, logged with its cause. A 503 the service
 * chose (database down, queue full) is a warning without a stack: under a
 * probe or an outage it repeats, and its cause is already known.
 */
function logFailure(logger: Logger, requestId: unknown, error: unknown, problem: HttpProblem) {
  if (problem.status < 500) return;

  const entry = { req_id: requestId, problem: problem.kind };
  if (problem.status === 503) {
    logger.warn({ ...entry, cause: causeOf(error) }, 'request refused');
  } else {
    logger.error({ ...entry, err: error }, 'request failed');
  }
}

function causeOf(error: unknown): string {
  return error instanceof HttpProblem ? error.kind : String((error as Error)?.message ?? error);
}
