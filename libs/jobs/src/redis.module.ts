import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * BullMQ needs maxRetriesPerRequest: null on its blocking connections; the same settings suit the readiness
 * probe, which must not hang when Redis is gone (lazyConnect + a short connect timeout). A connection that sits
 * on a request's path (the shared rate limits) passes overrides so that a Redis outage fails fast instead.
 */
export function createRedis(url: string, name: string, overrides: Partial<RedisOptions> = {}): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(200 * 2 ** attempt, 5_000) + Math.floor(Math.random() * 200),
    ...overrides,
  });
}

@Injectable()
export class RedisClient implements OnApplicationShutdown {
  readonly connection: Redis;
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connection = createRedis(config.REDIS_URL, 'relieftrace');
    // ioredis reports every failed reconnect as an 'error' event; readiness reports the outage instead.
    this.connection.on('error', () => undefined);
  }

  /** Resolves true within the timeout only when Redis answers PING. */
  async ping(timeoutMs = 1_000): Promise<boolean> {
    if (this.connection.status !== 'ready') return false;
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    return Promise.race([this.connection.ping().then((r) => r === 'PONG').catch(() => false), timeout]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}

@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule {}
