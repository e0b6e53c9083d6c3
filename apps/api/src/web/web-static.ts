import fastifyStatic from '@fastify/static';
import { NotFoundException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Paths that belong to the api: an unknown one answers the usual JSON 404, never the web app's page. */
const API_PREFIXES = ['/api', '/health', '/s', '/webhooks', '/dev'];
const API_PATHS = new Set(['/metrics']);

export function isApiPath(path: string): boolean {
  return API_PATHS.has(path) || API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * The built web UI: its files (a route each, found when the api starts), and index.html for its client-side routes
 * (any other GET that is not API-shaped).
 */
export async function serveWebApp(app: NestFastifyApplication, root: string): Promise<void> {
  await app.register(fastifyStatic, { root, wildcard: false });
  app.getHttpAdapter().getInstance().get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    if (isApiPath(path)) throw new NotFoundException(`Cannot ${request.method} ${request.url}`);
    return reply.sendFile('index.html');
  });
}
