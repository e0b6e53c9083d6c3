import type { Params } from 'nestjs-pino';
import { destination } from 'pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from './app-config';

/**
 * Structured JSON logs that never carry health data: no bodies, no query strings (a patient search is a name),
 * no credentials, and no survey-link tokens in paths.
 */
export function loggerParams(config: AppConfig, name: string): Params {
  return {
    pinoHttp: [{
      name,
      level: config.LOG_LEVEL,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
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

export function safePath(url: string): string {
  const path = url.split('?')[0];
  return path.replace(/^\/s\/[^/]+/, '/s/[token]');
}
