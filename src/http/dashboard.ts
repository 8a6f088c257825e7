import path from 'node:path';

import express, { Router, type RequestHandler } from 'express';

import { packageRoot } from './contract';

/**
 * Everything the page loads comes from this service, and the policy makes the
 * browser refuse anything else: no other host, no inline script or style, no
 * plugin, no framing. `connect-src 'self'` follows from `default-src`.
 */
const DASHBOARD_POLICY = [
  "default-src 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export function dashboardPath(): string {
  return path.join(packageRoot(), 'dist', 'dashboard');
}

/**
 * Serves the built dashboard (scripts/build-dashboard.mjs) where it is
 * mounted, e.g. `<BASE_PATH>/dashboard`. The page is only served at the mount
 * path itself, without a trailing slash, because its asset and API addresses
 * are relative to that URL; the app strips trailing slashes before routing,
 * so the original URL tells whether to redirect.
 */
export function serveDashboard(directory: string = dashboardPath()): Router {
  const router = Router();
  router.use(securityHeaders);
  router.get(['/', '/index.html'], (req, res) => {
    const [pathname, query] = splitUrl(req.originalUrl);
    if (pathname.endsWith('/') || pathname.endsWith('/index.html')) {
      return res.redirect(301, canonicalUrl(pathname, query));
    }
    res.sendFile(path.resolve(directory, 'index.html'), (error) => {
      if (error && !res.headersSent) sendNotBuilt(res);
    });
  });
  router.use(express.static(directory, { index: false, redirect: false }));
  return router;
}

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', DASHBOARD_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  // The file names carry no version, so the browser revalidates instead of trusting an old copy.
  res.setHeader('Cache-Control', 'no-cache');
  next();
};

/**
 * A relative Location (`../dashboard`, one `../` per trailing slash) stays
 * right behind a proxy that adds a path prefix the service does not know of.
 */
function canonicalUrl(pathname: string, query: string): string {
  const directory = pathname.replace(/\/index\.html$/, '/');
  const slashes = /\/*$/.exec(directory)![0].length;
  return `${'../'.repeat(slashes)}${path.posix.basename(directory)}${query}`;
}

function splitUrl(url: string): [string, string] {
  const index = url.indexOf('?');
  return index === -1 ? [url, ''] : [url.slice(0, index), url.slice(index)];
}

function sendNotBuilt(res: express.Response): void {
  res
    .status(503)
    .type('text/html')
    .send(
      '<!DOCTYPE html><title>Search Analytics</title>' +
        '<p>The dashboard is not built: run <code>make build</code>.</p>',
    );
}
