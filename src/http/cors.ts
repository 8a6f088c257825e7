import type { RequestHandler } from 'express';

import { problems } from './problems';

/**
 * Origins on the allow-list get CORS headers and preflight answers. A request
 * naming any other origin is refused before it is read, so it stores nothing.
 * Requests without Origin (servers, curl) and same-origin requests (the docs
 * and dashboard pages of this service) are not cross-origin and pass.
 */
export function createCors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);

  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined) return next();

    if (!allowed.has(origin)) {
      if (isSameOrigin(origin, req.headers.host)) return next();
      return next(problems.forbiddenOrigin());
    }

    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    if (req.method !== 'OPTIONS') return next();

    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
    res.setHeader('Access-Control-Max-Age', '86400');
    res.status(204).end();
  };
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
