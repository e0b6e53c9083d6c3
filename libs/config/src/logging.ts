import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { destination } from 'pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from './app-config';

/**
 * Structured JSON logs that never carry health data: no bodies, no query strings (a patient search is a name),
 * no credentials, and no survey-link tokens in paths.
 */
export function loggerParams(config: AppConfig, name: string): Params {
  return {
    // Every path. nestjs-pino's default ("{/*splat}") is given to Fastify's middleware engine with a "/" in front,
    // which then matches "/" alone: no request would be logged.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: [{
      name,
      level: config.LOG_LEVEL,
      // The api's onRequest hook has already decided the id (the same function) and sent it back as X-Request-Id.
      genReqId: requestIdOf,
      // Decided when the request comes in, while the middleware engine has cut req.url down to the part after the
      // path it matched (restored by the time the line is written); originalUrl is the whole of it.
      autoLogging: { ignore: (req: IncomingMessage & { originalUrl?: string }) => (req.originalUrl ?? req.url ?? '').startsWith('/health') },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'req.headers["x-csrf-token"]'], censor: '[redacted]' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: safePath(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    logDestination()],
  };
}

/**
 * Written asynchronously and in blocks of at least 4 KiB, flushed every second: a write is a system call, and one
 * per request cost the api a tenth of its CPU under load. Lines reach the log at most a second late; pino flushes
 * what is left when the process exits.
 */
function logDestination() {
  const stream = destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => stream.flush(), 1000).unref();
  return stream;
}

/**
 * The request's id: a well-formed `X-Request-Id` from the caller (a proxy's), else a fresh UUID. Decided once per
 * request and kept on it, so the HTTP framework's request id (Fastify's `genReqId`) and the log lines agree.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  if (typeof req.id === 'string') return req.id;
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
  req.id = id;
  return id;
}

export function safePath(url: string): string {
  const path = url.split('?')[0];
  return path.replace(/^\/s\/[^/]+/, '/s/[token]');
}
