import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '@app/config';
import { JobQueue } from '@app/jobs';
import { SmsDevController, smsDevToolsEnabled } from './sms-dev.controller';
import { SmsInboundService } from './sms-inbound.service';
import { SmsScheduleService } from './sms-schedule.service';
import { SurveyController } from './survey.controller';
import { SurveyService } from './survey.service';
import { TwilioWebhookController } from './twilio-webhook.controller';

/** The SMS diary's share of AppModule, kept here so app.module.ts needs one line per list. */
export const smsApiImports = (config: AppConfig): DynamicModule[] => [
  // Per-IP limit on survey links; the guard is applied on SurveyController only.
  ThrottlerModule.forRoot({ throttlers: [{ name: 'survey-link', ttl: 60_000, limit: config.SMS_LINK_RATE_LIMIT_PER_MINUTE }] }),
];

export const smsApiControllers = (config: AppConfig): Type[] => [
  SurveyController, TwilioWebhookController, ...(smsDevToolsEnabled(config) ? [SmsDevController] : []),
];

export const SMS_API_PROVIDERS: Provider[] = [SmsScheduleService, SurveyService, SmsInboundService, JobQueue];
