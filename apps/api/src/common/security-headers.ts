import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { strictTransportSecurity } from 'helmet';

type Directives = Record<string, string[]>;

/**
 * The SPA's policy: everything from its own origin, no inline script or style, no framing.
 * `connect-src 'self'` covers REST and the Socket.IO WebSocket on the same host. `data:` images
 * are the one exception: the SPA's index.html names an empty `data:,` favicon.
 */
export const APP_CSP: Directives = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
};

/** Swagger UI at /api/docs styles its elements inline and draws icons as data: images. */
const DOCS_CSP: Directives = {
  ...APP_CSP,
  'style-src': ["'self'", "'unsafe-inline'"],
};

const DOCS_PATH = /^\/api\/docs(?:[/-]|$)/;

function headersWith(directives: Directives): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Sent below, only for requests that came over TLS.
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/**
 * Security headers on every response of the API and the SPA it serves (helmet): CSP,
 * `X-Content-Type-Options`, `X-Frame-Options`, `Referrer-Policy`, and HSTS when the request
 * arrived over TLS (`req.secure`, which believes `X-Forwarded-Proto` only from TRUST_PROXY hops).
 * A plain-HTTP install never gets HSTS, which would lock browsers out of it.
 */
export function securityHeaders(): RequestHandler[] {
  const app = headersWith(APP_CSP);
  const docs = headersWith(DOCS_CSP);
  const hsts = strictTransportSecurity({ maxAge: 365 * 24 * 3600 });
  return [
    (req: Request, res: Response, next: NextFunction) =>
      (DOCS_PATH.test(req.path) ? docs : app)(req, res, next),
    (req: Request, res: Response, next: NextFunction) =>
      req.secure ? hsts(req, res, next) : next(),
  ];
}
