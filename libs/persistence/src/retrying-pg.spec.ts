import { Logger } from '@nestjs/common';
import { createServer } from 'node:net';
import { PG_CONNECT_RETRY, RetryingPool } from './retrying-pg';

/** A port nothing listens on: connecting is refused at once, as while Postgres restarts. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe(RetryingPool.name, () => {
  let warn: jest.SpyInstance;
  beforeEach(() => (warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined)));
  afterEach(() => warn.mockRestore());

  it('retries a refused connection with growing, jittered waits, then gives the error up', async () => {
    const pool = new RetryingPool({ host: '127.0.0.1', port: await closedPort(), user: 'nobody', database: 'none' });
    const started = Date.now();
    await expect(pool.connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const elapsed = Date.now() - started;
    expect(warn).toHaveBeenCalledTimes(PG_CONNECT_RETRY.attempts - 1);
    const waits = warn.mock.calls.map(([fields]) => (fields as { retryInMs: number }).retryInMs);
    // 100, 200, 400, 800 ms, each minus up to half.
    waits.forEach((wait, i) => {
      expect(wait).toBeGreaterThanOrEqual(50 * 2 ** i);
      expect(wait).toBeLessThanOrEqual(100 * 2 ** i);
    });
    expect(elapsed).toBeGreaterThanOrEqual(waits.reduce((a, b) => a + b, 0) - 20);
    await pool.end();
  });

  it('answers the callback form TypeORM uses, with the same retries', async () => {
    const pool = new RetryingPool({ host: '127.0.0.1', port: await closedPort(), user: 'nobody', database: 'none' });
    const error = await new Promise<Error | undefined>((resolve) => pool.connect((err) => resolve(err)));
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(warn).toHaveBeenCalledTimes(PG_CONNECT_RETRY.attempts - 1);
    await pool.end();
  });

  it('does not retry once the pool is ending', async () => {
    const pool = new RetryingPool({ host: '127.0.0.1', port: await closedPort(), user: 'nobody', database: 'none' });
    await pool.end();
    await expect(pool.connect()).rejects.toThrow();
    expect(warn).not.toHaveBeenCalled();
  });
});
