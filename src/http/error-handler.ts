import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

import { isDatabaseUnreachable, isRowRejected } from '../db/database-errors';
import { HttpProblem, problems, type FieldError } from './problems';
import { requestIdOf } from './request-log';

/** The shape of body-parser's errors (https://github.com/expressjs/body-parser#errors). */
interface BodyParserError {
  type: string;
  status: number;
  limit?: number;
}

/** The shape of express-openapi-validator's HttpError. */
interface ValidatorError {
  status: number;
  errors: { path: string; message: string }[];
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof (error as BodyParserError)?.type === 'string' && 'status' in (error as object);
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
      return undefined;
  }
}

function fromValidator(error: ValidatorError): HttpProblem | undefined {
  switch (error.status) {
    case 400:
      return problems.validation(error.errors.map(toFieldError));
    case 404:
      return problems.notFound();
    case 405:
      return problems.methodNotAllowed();
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
 * The one place where failures become responses. 5xx are logged as errors
 * with their cause; 4xx are the client's business and logged at info by the
 * request log. Internal messages never reach the client.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const problem = toProblem(error);

    if (problem.status >= 500) {
      logger.error(
        { req_id: requestIdOf(res), err: error, problem: problem.kind },
        'request failed',
      );
    }
    if (res.headersSent) return;

    if (problem.retryAfter !== undefined) res.setHeader('Retry-After', String(problem.retryAfter));
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  };
}
