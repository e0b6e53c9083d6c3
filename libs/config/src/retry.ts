/**
 * Retries with exponential backoff and jitter for network calls (Postgres connection acquisition, Redis, the
 * SMS provider). Jitter spreads the retries of many clients that failed together (a restart), so they do not
 * return in lock-step and knock the recovering service over again.
 */
export interface BackoffOptions {
  /** Delay before the first retry, before jitter. */
  baseMs: number;
  /** Ceiling of the exponential growth, before jitter. */
  maxMs: number;
  /** 0…1: the delay is drawn uniformly from [d·(1 − jitter), d]; 0 keeps it exact. */
  jitter: number;
}

export interface RetryOptions extends BackoffOptions {
  /** Tries in all, the first included (1 = no retry). */
  attempts: number;
  /** Only errors this accepts are retried; anything else is thrown at once. */
  retryIf: (error: unknown) => boolean;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Injected by tests: waits, and draws the jitter. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** The wait after failed try number `attempt` (1-based): base·2^(attempt−1), capped, minus up to `jitter` of it. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exact = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const jitter = Math.min(1, Math.max(0, options.jitter));
  return Math.round(exact * (1 - jitter * random()));
}

export async function retryWithBackoff<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= options.attempts || !options.retryIf(error)) throw error;
      const delay = backoffDelay(attempt, options, options.random);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}

export class TimeoutError extends Error {
  constructor(readonly timeoutMs: number, what: string) {
    super(`${what} did not answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/** Rejects with a TimeoutError when the promise has not settled in time (the work itself is not cancelled). */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(timeoutMs, what)), timeoutMs);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Errors of reaching a server, not of the request: nothing was done, so trying again is safe. Node socket codes,
 * plus Postgres' "cannot connect now" (57P03, starting up or shutting down) and pg-pool's connect timeout.
 */
const CONNECT_ERROR_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P03', '08001', '08004', '08006']);

export function isConnectError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (e && typeof e.code === 'string' && CONNECT_ERROR_CODES.has(e.code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /timeout exceeded when trying to connect|Connection terminated (unexpectedly|due to connection timeout)/.test(message);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
