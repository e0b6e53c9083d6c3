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
