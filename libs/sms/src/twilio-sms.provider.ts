import { Injectable } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import twilio from 'twilio';
import { type OutboundSms, type SentSms, SmsProvider, SmsSendError } from './sms-provider';

type TwilioClient = ReturnType<typeof twilio>;

/** Errors where the request never reached Twilio: safe to retry. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Twilio through its official SDK; sender is a number (TWILIO_FROM) or a messaging service. */
@Injectable()
export class TwilioSmsProvider extends SmsProvider {
  readonly name = 'twilio';
  private readonly client: TwilioClient;

  constructor(private readonly config: AppConfig, client?: TwilioClient) {
    super();
    this.client = client ?? twilio(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, { autoRetry: false });
  }

  async send(message: OutboundSms): Promise<SentSms> {
    const sender = this.config.TWILIO_MESSAGING_SERVICE_SID ? { messagingServiceSid: this.config.TWILIO_MESSAGING_SERVICE_SID } : { from: this.config.TWILIO_FROM };
    try {
      const created = await this.client.messages.create({ to: message.to, body: message.body, ...sender, statusCallback: message.statusCallbackUrl });
      return { providerMessageId: created.sid };
    } catch (error) {
      throw classifyTwilioError(error);
    }
  }
}

export function classifyTwilioError(error: unknown): SmsSendError {
  const e = error as { status?: number; code?: number | string };
  if (typeof e.status === 'number') {
    const code = String(e.code ?? e.status);
    return e.status === 429 || e.status >= 500 ? new SmsSendError('transient', code) : new SmsSendError('permanent', code);
  }
  const code = String(e.code ?? 'unknown');
  return NOT_SENT_CODES.has(code) ? new SmsSendError('transient', code) : new SmsSendError('ambiguous', code);
}
