import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Graceful HTTP shutdown. Closing the server stops new connections, but a client on a keep-alive connection
 * would keep sending requests on it forever and the close would never finish. Once draining starts, every
 * response says `Connection: close` and idle keep-alive connections are closed, so requests in flight finish
 * and clients reconnect elsewhere (or after the restart). Readiness answers 503 meanwhile.
 */
export class HttpDrain {
  private static readonly byApp = new WeakMap<object, HttpDrain>();
  private static current?: HttpDrain;
  private draining = false;
  private timer?: NodeJS.Timeout;

  static install(app: NestFastifyApplication): HttpDrain {
    const drain = new HttpDrain();
    // On the Node response, so streamed (hijacked) replies carry it too.
    app.getHttpAdapter().getInstance().addHook('onRequest', (_request, reply, done) => {
      if (drain.draining) reply.raw.setHeader('connection', 'close');
      done();
    });
    HttpDrain.current = drain;
    HttpDrain.byApp.set(app, drain);
    return drain;
  }

  /** The drain createApi installed on this app. */
  static of(app: NestFastifyApplication): HttpDrain {
    const drain = HttpDrain.byApp.get(app);
    if (!drain) throw new Error('HttpDrain.install(app) was not called');
    return drain;
  }

  /** True once shutdown began in this process (read by the readiness probe). */
  static isDraining(): boolean {
    return HttpDrain.current?.draining ?? false;
  }

  begin(server: Server): void {
    if (this.draining) return;
    this.draining = true;
    server.closeIdleConnections();
    this.timer = setInterval(() => server.closeIdleConnections(), 100);
    this.timer.unref();
  }
}
