import { isUtf8 } from 'node:buffer';

import express, { type RequestHandler } from 'express';

import { HttpProblem, problems } from './problems';

/**
 * The JSON body parser for events, with a size limit per path, in three steps:
 *
 * 1. A declared Content-Length over the limit is refused at once, with the
 *    connection closed; body-parser alone would first read the whole body
 *    (so the client sees no ECONNRESET), however large it says it is.
 * 2. `text/plain` is parsed like `application/json`: `navigator.sendBeacon`
 *    can only send text/plain without a preflight, and the contract lists
 *    both media types with the same schema.
 * 3. A body that is not valid UTF-8 is refused rather than stored with
 *    U+FFFD replacement characters in place of what the client sent.
 */
export function parseJsonBodies(
  limitKiB: number,
  largerLimitsKiB: Readonly<Record<string, number>>,
): RequestHandler {
  const fallback = jsonParser(limitKiB);
  const parsers = new Map(
    Object.entries(largerLimitsKiB).map(([path, kiB]) => [path, jsonParser(kiB)]),
  );

  return (req, res, next) => (parsers.get(req.path) ?? fallback)(req, res, next);
}

function jsonParser(limitKiB: number): RequestHandler {
  const limit = limitKiB * 1024;
  const refuse = refuseDeclaredOversize(limit, `${limitKiB} KiB`);
  const parse = express.json({
    limit,
    type: ['application/json', 'text/plain'],
    strict: false,
    verify,
  });

  return (req, res, next) =>
    refuse(req, res, (error?: unknown) => (error ? next(error) : parse(req, res, next)));
}

function refuseDeclaredOversize(limit: number, label: string): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared <= limit) return next();

    res.setHeader('Connection', 'close');
    next(problems.payloadTooLarge(label));
  };
}

function verify(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw invalidUtf8();
}

function invalidUtf8(): HttpProblem {
  return new HttpProblem(
    400,
    'invalid-utf8',
    'Invalid text encoding',
    'The request body is not valid UTF-8.',
  );
}
