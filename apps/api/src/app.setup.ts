import fastifyCookie from '@fastify/cookie';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { type AppConfig, requestIdOf } from '@app/config';
import { AppModule } from './app.module';
import { MAX_BODY_BYTES, useBodyParsing } from './common/body-parsing';
import { frameworkClientError } from './common/http-exception.filter';
import { HttpDrain } from './common/http-drain';
import { useSecurityHeaders } from './security/security-headers';
import { createValidationPipe } from './common/validation';
import { STATUS_CODES } from 'node:http';
import { findWebRoot } from './web/web-root';
import { serveWebApp } from './web/web-static';

/** Builds the api exactly as production runs it; tests call this too, so they exercise the same pipeline. */
export async function createApi(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: MAX_BODY_BYTES,
    // X-Forwarded-For is believed from a proxy on this host only (the client address rate limits count by).
    trustProxy: 'loopback',
    // One id per request, shared with the request log (pino-http) and the audit rows: a well-formed X-Request-Id or a UUID.
    genReqId: requestIdOf,
    // As Node's own http server does: an idle keep-alive connection is closed after 5 s (Fastify's default is 72 s).
    keepAliveTimeout: 5_000,
    // Node's default, which Fastify would turn off (0): a request must arrive whole within 5 minutes (slow clients).
    requestTimeout: 300_000,
    // While shutting down, requests still arriving on open connections are served (with Connection: close, see
    // HttpDrain), not answered 503.
    return503OnClosing: false,
    // A URL the router cannot decode is refused before any hook or filter runs: same error shape, said here.
    frameworkErrors: (error: Error, _request: FastifyRequest, reply: FastifyReply) => {
      const { statusCode, message } = frameworkClientError(error) ?? { statusCode: 400, message: 'The request URL could not be read.' };
      void reply.code(statusCode).send({ statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message });
    },
    routerOptions: {
      // "/path/" is served as "/path"; a path parameter (survey token, id) may be longer than the default 100 characters.
      ignoreTrailingSlash: true,
      maxParamLength: 1_000,
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.getHttpAdapter().getInstance().addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('x-request-id', request.id);
    done();
  });
  HttpDrain.install(app);
  await useSecurityHeaders(app);
  if (config.CORS_ORIGINS) app.enableCors({ origin: config.CORS_ORIGINS.split(','), credentials: true });
  await app.register(fastifyCookie);
  await useBodyParsing(app);
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);
  const webRoot = findWebRoot();
  if (webRoot) await serveWebApp(app, webRoot);
  return app;
}

function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ReliefTrace API')
      .setDescription('Records diagnostic interventions and 0–10 knee pain scores, and infers whether relief tracks knee- or spine-directed care.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
