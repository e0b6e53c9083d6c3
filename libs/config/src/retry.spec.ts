import { backoffDelay, isConnectError, retryWithBackoff, TimeoutError, withTimeout } from './retry';

describe(backoffDelay.name, () => {
  const options = { baseMs: 100, maxMs: 1_000, jitter: 0.5 };

  it('doubles from the base delay up to the ceiling', () => {
    const exact = { ...options, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, exact))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('takes up to `jitter` of the delay off, never more and never adding', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(400);
    expect(backoffDelay(3, options, () => 0.999999)).toBe(200);
    expect(backoffDelay(3, options, () => 0.5)).toBe(300);
  });

  it('spreads clients that failed together over the window', () => {
    const delays = new Set(Array.from({ length: 200 }, () => backoffDelay(4, options)));
    expect(delays.size).toBeGreaterThan(50);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(400), expect(d).toBeLessThanOrEqual(800);
  });
});

describe(retryWithBackoff.name, () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

  function harness(failures: unknown[], attempts = 5) {
    const waits: number[] = [];
    const retries: number[] = [];
    let calls = 0;
    const run = retryWithBackoff(
      async (attempt) => {
        calls++;
        expect(attempt).toBe(calls);
        const failure = failures.shift();
        if (failure) throw failure;
        return 'done';
      },
      {
        attempts, baseMs: 50, maxMs: 400, jitter: 0.5, retryIf: isConnectError,
        sleep: async (ms) => void waits.push(ms), random: () => 0, onRetry: (_, attempt) => retries.push(attempt),
      },
    );
    return { run, waits, retries, calls: () => calls };
  }

  it('retries a connection error with growing waits, then returns the result', async () => {
    const h = harness([refused, refused, refused]);
    await expect(h.run).resolves.toBe('done');
    expect(h.calls()).toBe(4);
    expect(h.waits).toEqual([50, 100, 200]);
    expect(h.retries).toEqual([1, 2, 3]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const h = harness([refused, refused, refused], 3);
    await expect(h.run).rejects.toBe(refused);
    expect(h.calls()).toBe(3);
    expect(h.waits).toEqual([50, 100]);
  });

  it('never retries an error the caller did not accept (the request may have been carried out)', async () => {
    const constraint = Object.assign(new Error('duplicate key'), { code: '23505' });
    const h = harness([constraint]);
    await expect(h.run).rejects.toBe(constraint);
    expect(h.calls()).toBe(1);
    expect(h.waits).toEqual([]);
  });
});

describe(isConnectError.name, () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, true],
    [{ code: '57P03' }, true], // the database system is starting up
    [new Error('timeout exceeded when trying to connect'), true],
    [new Error('Connection terminated unexpectedly'), true],
    [{ code: '57P01' }, false], // admin shutdown mid-query: the statement may have run; the caller decides
    [{ code: '23505' }, false],
    [null, false],
  ])('reads %p as %s', (error, expected) => {
    expect(isConnectError(error)).toBe(expected);
  });
});

describe(withTimeout.name, () => {
  it('passes a timely answer through', async () => {
    await expect(withTimeout(Promise.resolve(7), 1_000, 'provider')).resolves.toBe(7);
  });

  it('rejects with a TimeoutError when the call hangs', async () => {
    const hung = new Promise<never>(() => undefined);
    await expect(withTimeout(hung, 20, 'the SMS provider')).rejects.toThrow(new TimeoutError(20, 'the SMS provider'));
  });
});
