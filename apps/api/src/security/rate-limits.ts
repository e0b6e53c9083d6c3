import { applyDecorators, Module, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '@app/config';
import { SharedThrottlerStorage } from './shared-throttler-storage';

/** Per-IP limits, each counted on its own routes only: guessing survey tokens, passwords, or flooding webhooks. */
const LIMITS = ['survey-link', 'login', 'webhook'] as const;
type LimitName = (typeof LIMITS)[number];

/** Owns the Redis connection of the counters, so Nest closes it on shutdown. */
@Module({ providers: [SharedThrottlerStorage], exports: [SharedThrottlerStorage] })
class RateLimitStorageModule {}

/** The counters live in Redis, shared by every api replica (in memory per process while Redis is unreachable). */
export const rateLimitModule = (config: AppConfig) =>
  ThrottlerModule.forRootAsync({
    imports: [RateLimitStorageModule],
    inject: [SharedThrottlerStorage],
    useFactory: (storage: SharedThrottlerStorage) => ({
      errorMessage: 'Too many requests from your address; wait a minute and try again.',
      throttlers: [
        { name: 'survey-link', ttl: 60_000, limit: config.SMS_LINK_RATE_LIMIT_PER_MINUTE },
        { name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_LIMIT_PER_MINUTE },
        { name: 'webhook', ttl: 60_000, limit: config.WEBHOOK_RATE_LIMIT_PER_MINUTE },
      ],
      storage,
    }),
  });

/** Applies one named limit to a route or controller, and none of the others. */
export const RateLimited = (name: LimitName) =>
  applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle(Object.fromEntries(LIMITS.filter((l) => l !== name).map((l) => [l, true]))));
