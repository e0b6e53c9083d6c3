import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

export const MAX_BODY = '1mb';

/**
 * Parses JSON and form bodies up to 1 MB; a body-parser failure happens before Nest's filters run,
 * so it is answered here in the same { statusCode, error, message } shape.
 */
export function useBodyParsing(app: INestApplication): void {
  app.use(express.json({ limit: MAX_BODY }));
  app.use(express.urlencoded({ extended: false, limit: MAX_BODY }));
  app.use(rejectPrototypeKeys);
  app.use((err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    if (err.type === 'entity.too.large') {
      return res.status(413).json({ statusCode: 413, error: 'Payload Too Large', message: 'The request body is larger than 1 MB.' });
    }
    if (err.type === 'entity.parse.failed') {
      return res.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'The request body is not valid JSON.' });
    }
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 400;
    return res.status(status).json({ statusCode: status, error: 'Bad Request', message: 'The request body could not be read.' });
  });
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON may carry "__proto__" as a plain key; refuse it by name rather than let a library drop or merge it. */
function rejectPrototypeKeys(req: Request, res: Response, next: NextFunction): void {
  const found = findForbiddenKey(req.body, 'body', 0);
  if (!found) return next();
  res.status(400).json({ statusCode: 400, error: 'Bad Request', message: `property ${found} is not allowed` });
}

function findForbiddenKey(value: unknown, path: string, depth: number): string | null {
  if (typeof value !== 'object' || value === null || depth > 64) return null;
  for (const key of Object.keys(value)) {
    const here = `${path}.${key}`;
    if (FORBIDDEN_KEYS.has(key)) return here.replace(/^body\./, '');
    const deeper = findForbiddenKey((value as Record<string, unknown>)[key], here, depth + 1);
    if (deeper) return deeper;
  }
  return null;
}
