import type { CookieOptions } from 'express';

export const SESSION_COOKIE = 'rt_session';
export const CSRF_COOKIE = 'rt_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function sessionCookieOptions(secure: boolean, maxAgeMs: number): CookieOptions {
  return { httpOnly: true, secure, sameSite: 'strict', path: '/', maxAge: maxAgeMs };
}

/** Readable by the page's script so it can echo it in X-CSRF-Token (double-submit). */
export function csrfCookieOptions(secure: boolean, maxAgeMs: number): CookieOptions {
  return { httpOnly: false, secure, sameSite: 'strict', path: '/', maxAge: maxAgeMs };
}
