import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { createRedis } from '@app/jobs';

/** Redis gets this long to answer a rate-limit count before the request is counted in memory instead. */
export const RATE_LIMIT_REDIS_TIMEOUT_MS = 500;
/** After a failed or timed-out count, requests are counted in memory for this long before Redis is tried again. */
export const RATE_LIMIT_REDIS_RETRY_MS = 1_000;
/** At start-up, how long the first connection attempt may take before requests are counted in memory. */
const FIRST_CONNECT_WAIT_MS = 2_000;

/**
 * The per-IP rate-limit counters, shared by every api replica through Redis (one atomic Lua script per hit, from
 * @nest-lab/throttler-storage-redis), under `<BULLMQ_PREFIX>:throttler:` so deployments and test files sharing a
 * Redis keep their own counts.
 *
 * Degraded mode: while Redis is unreachable (not connected, a command error, or no answer within
 * RATE_LIMIT_REDIS_TIMEOUT_MS) each hit is counted by this process in memory, with the same limits: never a 500,
 * never unlimited, at worst N replicas allow N× the limit as before. One warning per outage, and one line when the
 * counts are shared again; neither carries a key, an address or anything from the request.
 */
@Injectable()
export class SharedThrottlerStorage implements ThrottlerStorage, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  /** Its own connection: fails fast (no offline queue, a command timeout), unlike the BullMQ ones that wait. */
  readonly connection: Redis;
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new ThrottlerStorageService();
  private degraded = false;
  private retryAt = 0;
  private closing?: Promise<void>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connection = createRedis(config.REDIS_URL, 'relieftrace-throttler', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: RATE_LIMIT_REDIS_TIMEOUT_MS,
      connectTimeout: FIRST_CONNECT_WAIT_MS,
      // ioredis prefixes the script's KEYS: <prefix>:throttler:{<hashed tracker>:<limit name>}:hits and …:blocked.
      keyPrefix: `${config.BULLMQ_PREFIX}:throttler:`,
    });
    // Reconnect failures are reported once per outage by increment(); readiness reports the outage too.
    this.connection.on('error', () => undefined);
    this.shared = new ThrottlerStorageRedisService(this.connection);
  }

  /** Waits for the first connection attempt to succeed or fail, so the first requests are not counted apart. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.connection.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.connection.off('ready', done).off('error', done).off('end', done);
        resolve();
      };
      const timer = setTimeout(done, FIRST_CONNECT_WAIT_MS).unref();
      this.connection.once('ready', done).once('error', done).once('end', done);
    });
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    if (this.connection.status === 'ready' && Date.now() >= this.retryAt) {
      try {
        const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
        if (this.degraded) {
          this.degraded = false;
          this.logger.log('rate limits are counted in Redis again, shared by all api replicas');
        }
        return record;
      } catch (error) {
        this.retryAt = Date.now() + RATE_LIMIT_REDIS_RETRY_MS;
        this.degrade((error as Error).message);
      }
    } else if (this.connection.status !== 'ready') {
      this.degrade(`Redis connection ${this.connection.status}`);
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  private degrade(reason: string): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn({ reason }, 'Redis unreachable: rate limits are counted in this api process only until it answers again');
  }

  onApplicationShutdown(): Promise<void> {
    // Nest may call this twice: the instance is also the ThrottlerModule's storage provider.
    this.closing ??= (async () => {
      this.local.onApplicationShutdown();
      await this.connection.quit().catch(() => this.connection.disconnect());
    })();
    return this.closing;
  }
}
