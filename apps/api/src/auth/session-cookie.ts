import type { CookieSerializeOptions } from '@fastify/cookie';

export const SESSION_COOKIE = 'rt_session';
export const CSRF_COOKIE = 'rt_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Max-Age (seconds) and Expires both, as before, for clients that only know Expires. */
function lifetime(maxAgeMs: number): Pick<CookieSerializeOptions, 'maxAge' | 'expires'> {
  return { maxAge: Math.floor(maxAgeMs / 1000), expires: new Date(Date.now() + maxAgeMs) };
}

export function sessionCookieOptions(secure: boolean, maxAgeMs: number): CookieSerializeOptions {
  return { httpOnly: true, secure, sameSite: 'strict', path: '/', ...lifetime(maxAgeMs) };
}

/** Readable by the page's script so it can echo it in X-CSRF-Token (double-submit). */
export function csrfCookieOptions(secure: boolean, maxAgeMs: number): CookieSerializeOptions {
  return { httpOnly: false, secure, sameSite: 'strict', path: '/', ...lifetime(maxAgeMs) };
}
