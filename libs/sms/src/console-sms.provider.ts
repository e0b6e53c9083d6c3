import { Injectable, Logger } from '@nestjs/common';
import { SmsConsoleMessageRepository } from '@app/persistence';
import { randomUUID } from 'node:crypto';
import { type OutboundSms, type SentSms, SmsProvider, SmsSendError } from './sms-provider';

/**
 * Development and tests: "sends" by keeping the message in the development outbox (the dev page shows it with
 * its clickable link). The log line names the message id only — never the phone or the link's token.
 */
@Injectable()
export class ConsoleSmsProvider extends SmsProvider {
  readonly name = 'console';
  private readonly logger = new Logger('ConsoleSms');

  constructor(private readonly outbox: SmsConsoleMessageRepository) {
    super();
  }

  async send(message: OutboundSms): Promise<SentSms> {
    const providerMessageId = `CONSOLE${randomUUID().replaceAll('-', '')}`;
    await this.outbox.add({ toPhone: message.to, body: message.body, providerMessageId });
    // The text carries no health information; the link's token is left out (the outbox page shows the link).
    this.logger.log({ providerMessageId, text: message.body.replace(/\/s\/[A-Za-z0-9_-]+/g, '/s/[token]') }, 'console SMS kept in the development outbox (open /dev/sms/outbox)');
    return { providerMessageId };
  }
}

/** SMS_PROVIDER=none: nothing is sent; the worker does not schedule sends at all. */
@Injectable()
export class NoSmsProvider extends SmsProvider {
  readonly name = 'none';
  async send(): Promise<SentSms> {
    throw new SmsSendError('permanent', 'sms_disabled', 'SMS sending is disabled (SMS_PROVIDER=none)');
  }
}
