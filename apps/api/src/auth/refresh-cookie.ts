import type { CookieOptions, Request, Response } from 'express';

/** The browser session's refresh credential. Only `/api/auth/*` requests carry it. */
export const REFRESH_COOKIE = 'chat_refresh';
export const REFRESH_COOKIE_PATH = '/api/auth';

/**
 * HttpOnly: no script (an injected one included) can read it. SameSite=Strict: no other site's
 * page can make the browser send it. Secure whenever the request came over TLS, as `req.secure`
 * tells from TRUST_PROXY (a plain-HTTP install on localhost still works).
 */
function options(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: REFRESH_COOKIE_PATH };
}

export function setRefreshCookie(
  req: Request,
  res: Response,
  credential: { value: string; expiresAt: Date },
): void {
  res.cookie(REFRESH_COOKIE, credential.value, { ...options(req), expires: credential.expiresAt });
}

export function clearRefreshCookie(req: Request, res: Response): void {
  res.clearCookie(REFRESH_COOKIE, options(req));
}

/** What the client sent in the cookie (cookie-parser fills `req.cookies`), unchecked. */
export function refreshCookieOf(req: Request): unknown {
  const cookies: unknown = req.cookies;
  return typeof cookies === 'object' && cookies !== null
    ? (cookies as Record<string, unknown>)[REFRESH_COOKIE]
    : undefined;
}

/**
 * A cross-site form can send a POST only as urlencoded, multipart or text/plain; demanding JSON
 * (on top of SameSite=Strict) keeps `POST /api/auth/refresh` out of reach of such forms.
 */
export function isJsonRequest(req: Request): boolean {
  return /^application\/json\s*(?:;|$)/i.test(req.headers['content-type'] ?? '');
}
