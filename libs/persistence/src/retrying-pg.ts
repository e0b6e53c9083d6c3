import { Logger } from '@nestjs/common';
import { isConnectError, retryWithBackoff, type RetryOptions } from '@app/config';
import pg from 'pg';

/**
 * Acquiring a Postgres connection retries with backoff and jitter (about 1.5 s in all) when the server cannot be
 * reached or is starting up: a restart of Postgres then costs a request some latency rather than an error. Only
 * connecting is retried — nothing was sent yet, so it is always safe; a statement that fails mid-way is the
 * caller's to retry (the api answers 503, BullMQ retries the job). When the retries run out the error surfaces
 * as before (the api maps it to 503).
 */
export const PG_CONNECT_RETRY: Omit<RetryOptions, 'retryIf'> = { attempts: 5, baseMs: 100, maxMs: 800, jitter: 0.5 };

const logger = new Logger('Postgres');

type ConnectCallback = (err: Error | undefined, client?: pg.PoolClient, release?: (err?: Error | boolean) => void) => void;

export class RetryingPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const acquired = retryWithBackoff(() => super.connect(), {
      ...PG_CONNECT_RETRY,
      retryIf: (error) => !this.ending && isConnectError(error),
      onRetry: (error, attempt, delayMs) => logger.warn({ code: (error as { code?: string }).code, attempt, retryInMs: delayMs }, 'Postgres connection failed; retrying'),
    });
    if (!callback) return acquired;
    acquired.then(
      (client) => callback(undefined, client, (err) => client.release(err)),
      (error: Error) => callback(error),
    );
  }
}

/** The `pg` module with the retrying pool, for TypeORM's `driver` option (everything else is pg's own). */
export const retryingPg: typeof pg = Object.create(pg, { Pool: { value: RetryingPool, enumerable: true } });
