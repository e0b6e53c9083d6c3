import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: 43 characters of base64url. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newSurveyToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored; a database leak reveals no working link. */
export function hashSurveyToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
