import { isUtf8 } from 'node:buffer';

import express, { type RequestHandler } from 'express';

import { HttpProblem, problems } from './problems';

/**
 * The JSON body parser for events, in three steps:
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
export function parseJsonBodies(limitKiB: number): RequestHandler[] {
  const limit = limitKiB * 1024;
  return [
    refuseDeclaredOversize(limit, `${limitKiB} KiB`),
    express.json({ limit, type: ['application/json', 'text/plain'], strict: false, verify }),
  ];
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
