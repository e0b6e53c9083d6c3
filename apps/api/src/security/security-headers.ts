import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** The web app and API: scripts, styles, images and connections from this origin only; no framing, no plugins. */
const strict: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
};

/** Swagger UI ships inline <style> blocks; only its pages get 'unsafe-inline' styles (still no inline scripts). */
const docs = {
  contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], 'frame-ancestors': ["'none'"] } },
  referrerPolicy: { policy: 'no-referrer' as const },
};

/**
 * Helmet's headers on every response (404s and errors included): the strict set everywhere, the docs set on the
 * Swagger routes (/api/docs…, registered later by SwaggerModule, so this must run before it).
 */
export async function useSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), helmet: docs } as typeof route.config;
  });
  await app.register(fastifyHelmet, { ...strict, global: true });
}
