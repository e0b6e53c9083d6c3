import type { DynamicModule, Provider, Type } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { JobQueue } from '@app/jobs';
import { SmsDevController, smsDevToolsEnabled } from './sms-dev.controller';
import { SmsInboundService } from './sms-inbound.service';
import { SmsScheduleService } from './sms-schedule.service';
import { SurveyController } from './survey.controller';
import { SurveyService } from './survey.service';
import { TwilioWebhookController } from './twilio-webhook.controller';

/** The SMS diary's share of AppModule, kept here so app.module.ts needs one line per list. */
// The per-IP limit on survey links lives with the other limits (security/rate-limits.ts).
export const smsApiImports = (_config: AppConfig): DynamicModule[] => [];

export const smsApiControllers = (config: AppConfig): Type[] => [
  SurveyController, TwilioWebhookController, ...(smsDevToolsEnabled(config) ? [SmsDevController] : []),
];

export const SMS_API_PROVIDERS: Provider[] = [SmsScheduleService, SurveyService, SmsInboundService, JobQueue];
