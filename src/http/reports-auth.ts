import { createHash, timingSafeEqual } from 'node:crypto';

import type { RequestHandler } from 'express';

import { HttpProblem, problems } from './problems';

/**
 * Report reads need the bearer token REPORTS_TOKEN; with no token configured
 * they are refused outright rather than left open. Hashing both sides first
 * makes the comparison constant-time whatever the lengths.
 */
export function requireReportsToken(token: string | undefined): RequestHandler {
  const expected = token === undefined ? undefined : digest(token);

  return (req, res, next) => {
    if (expected === undefined) return next(reportsDisabled());

    const presented = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="reports"');
      return next(problems.unauthorized('A valid bearer token (REPORTS_TOKEN) is required.'));
    }
    next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function reportsDisabled(): HttpProblem {
  return new HttpProblem(
    503,
    'reports-disabled',
    'Reports disabled',
    'No REPORTS_TOKEN is configured, so reports are not served.',
    { retryAfter: 3600 },
  );
}
