/** The provider port: the diary asks for a text to be sent and learns the provider's message id. */
export interface OutboundSms {
  /** E.164 number. */
  to: string;
  body: string;
  /** Where the provider reports delivery status, when it supports callbacks. */
  statusCallbackUrl?: string;
}

export interface SentSms {
  providerMessageId: string;
}

export abstract class SmsProvider {
  abstract readonly name: string;
  /** Resolves when the provider accepted the message; rejects with an SmsSendError saying whether a retry is safe. */
  abstract send(message: OutboundSms): Promise<SentSms>;
}

/**
 * - transient: the provider certainly did not take the message (rate limit, outage) — retry with backoff.
 * - permanent: it never will (bad number, recipient unsubscribed at the carrier) — give up.
 * - ambiguous: the request may have gone through (timeout after sending) — do not retry; a duplicate is worse.
 */
export type SmsSendErrorKind = 'transient' | 'permanent' | 'ambiguous';

export class SmsSendError extends Error {
  constructor(readonly kind: SmsSendErrorKind, readonly code: string, message = `${kind} SMS provider error ${code}`) {
    super(message);
    this.name = 'SmsSendError';
  }
}
