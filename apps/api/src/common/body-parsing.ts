import fastifyFormbody from '@fastify/formbody';
import { BadRequestException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/** 1 MB, the largest JSON or form body read (Fastify's `bodyLimit`); a larger one is answered 413. */
export const MAX_BODY_BYTES = 1_048_576;

export const BODY_TOO_LARGE_MESSAGE = 'The request body is larger than 1 MB.';
export const BODY_UNREADABLE_MESSAGE = 'The request body could not be read.';
const NOT_JSON_MESSAGE = 'The request body is not valid JSON.';

/**
 * Parses JSON and form bodies up to 1 MB; anything else is left unread (the body stays undefined and validation
 * names the missing fields). Parse failures are HttpExceptions, and Fastify's own body errors (too large, bad
 * Content-Length) are mapped by HttpExceptionFilter, so every refusal has the { statusCode, error, message } shape.
 */
export async function useBodyParsing(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // Fastify's defaults would also parse text/plain, and refuse other types with 415 instead of a validation 400.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, (_req, body, done) => {
    try {
      done(null, parseJsonObject(body as string));
    } catch {
      done(new BadRequestException(NOT_JSON_MESSAGE), undefined);
    }
  });
  await app.register(fastifyFormbody, { bodyLimit: MAX_BODY_BYTES });
  fastify.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
  fastify.addHook('preValidation', rejectPrototypeKeys);
}

/** An empty body is {}; otherwise an object or an array only (a bare string or number is refused, as before). */
function parseJsonObject(text: string): unknown {
  if (text.length === 0) return {};
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') throw new SyntaxError('not an object or array');
  return JSON.parse(text);
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON may carry "__proto__" as a plain key; refuse it by name rather than let a library drop or merge it. */
function rejectPrototypeKeys(req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const found = findForbiddenKey(req.body, 'body', 0);
  done(found ? new BadRequestException(`property ${found} is not allowed`) : undefined);
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
