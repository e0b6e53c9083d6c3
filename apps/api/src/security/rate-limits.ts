import { applyDecorators, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '@app/config';

/** Per-IP limits, each counted on its own routes only: guessing survey tokens, passwords, or flooding webhooks. */
const LIMITS = ['survey-link', 'login', 'webhook'] as const;
type LimitName = (typeof LIMITS)[number];

export const rateLimitModule = (config: AppConfig) =>
  ThrottlerModule.forRoot({
    errorMessage: 'Too many requests from your address; wait a minute and try again.',
    throttlers: [
      { name: 'survey-link', ttl: 60_000, limit: config.SMS_LINK_RATE_LIMIT_PER_MINUTE },
      { name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_LIMIT_PER_MINUTE },
      { name: 'webhook', ttl: 60_000, limit: config.WEBHOOK_RATE_LIMIT_PER_MINUTE },
    ],
  });

/** Applies one named limit to a route or controller, and none of the others. */
export const RateLimited = (name: LimitName) =>
  applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle(Object.fromEntries(LIMITS.filter((l) => l !== name).map((l) => [l, true]))));
