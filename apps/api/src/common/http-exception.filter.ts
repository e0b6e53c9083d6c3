import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { BODY_TOO_LARGE_MESSAGE, BODY_UNREADABLE_MESSAGE } from './body-parsing';

/** One error shape for every failure: { statusCode, error, message } — and never a stack trace. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const { statusCode, message, extra } = this.describe(exception);
    // A database outage is expected now and then and answered 503 (the client retries): a warning, not an error.
    if (statusCode === HttpStatus.SERVICE_UNAVAILABLE) this.logger.warn({ err: { type: (exception as Error)?.name, code: (exception as { code?: string })?.code } }, 'service unavailable');
    else if (statusCode >= 500) this.logger.error({ err: sanitize(exception) }, 'unhandled error');
    if (res.sent || res.raw.headersSent) return;
    res.code(statusCode).type('application/json; charset=utf-8').send({ statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...extra });
  }

  private describe(exception: unknown): { statusCode: number; message: string; extra: Record<string, unknown> } {
    // The Fastify adapter wraps Fastify's own 4xx errors in an HttpException; the original is its cause.
    const framework = frameworkClientError(exception instanceof HttpException ? (exception.cause ?? exception) : exception);
    if (framework) return { ...framework, extra: {} };
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
      const errors = typeof body === 'object' && body !== null && 'errors' in body ? { errors: (body as { errors: unknown }).errors } : {};
      return { statusCode: exception.getStatus(), message, extra: errors };
    }
    if (isDatabaseUnavailable(exception)) {
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, message: 'The database is unavailable; please retry shortly.', extra: {} };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Something went wrong on our side; it has been logged.', extra: {} };
  }
}

/**
 * Fastify's own refusals of a request (body too large, a bad Content-Length, a malformed URL) carry an FST_ERR code
 * and a 4xx status; they keep the status, with a message about the body where the body was the problem.
 */
export function frameworkClientError(e: unknown): { statusCode: number; message: string } | null {
  const { code, statusCode, message } = (e ?? {}) as { code?: unknown; statusCode?: unknown; message?: unknown };
  if (typeof code !== 'string' || !code.startsWith('FST_ERR') || typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return null;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { statusCode, message: BODY_TOO_LARGE_MESSAGE };
  if (code.startsWith('FST_ERR_CTP')) return { statusCode, message: BODY_UNREADABLE_MESSAGE };
  return { statusCode, message: typeof message === 'string' ? message : STATUS_CODES[statusCode] ?? 'Error' };
}

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

function isDatabaseUnavailable(e: unknown): boolean {
  const code = (e as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (e as { code?: string })?.code;
  const message = (e as Error)?.message ?? '';
  // TypeORM releases a transaction's connection when the server drops it; the transaction's next statement then
  // fails with QueryRunnerAlreadyReleasedError — the same outage seen one step later (nothing was committed).
  const name = (e as Error)?.name ?? '';
  return (code !== undefined && CONNECTION_ERROR_CODES.has(code)) || (name === 'QueryRunnerAlreadyReleasedError' || name === 'QueryRunnerProviderAlreadyReleasedError')
    || /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection is closed/.test(message);
}

/** Database errors can echo parameters (scores, names); log their class and code only. */
function sanitize(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { type: typeof e };
  return { type: e.name, code: (e as { code?: string }).code, stack: e.stack?.split('\n').slice(1, 6).join('\n') };
}
