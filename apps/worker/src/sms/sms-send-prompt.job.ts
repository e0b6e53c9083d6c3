import { Inject, Injectable, Logger } from '@nestjs/common';
import { linkExpiry, promptText, reminderDueAt, reminderText } from '@app/domain';
import { APP_CONFIG, type AppConfig, Clock, TimeoutError, withTimeout } from '@app/config';
import { SMS_SEND_ATTEMPTS, type SmsSendPromptData } from '@app/jobs';
import { AuditRepository, SmsPromptRepository, type SmsPromptEntity, type SmsRecipient, TransactionRunner, type Tx } from '@app/persistence';
import { SmsProvider, SmsSendError } from '@app/sms';
import { createHash, randomBytes } from 'node:crypto';

const DAY_MS = 86_400_000;

export type SendOutcome = 'sent' | 'skipped' | 'nothing_to_do' | 'retry' | 'failed' | 'unknown';

interface Claimed {
  prompt: SmsPromptEntity;
  to: string;
  body: string;
  expiresAt: Date;
  timezone: string;
}

/**
 * Sends one prompt exactly once: claim (queued → sending, with a fresh link token) in one transaction, call the
 * provider outside it, record the outcome in another. A worker that dies in between leaves the prompt in
 * 'sending'; its retried job finds it not claimable, and the scheduler later marks it 'unknown' — never re-sent.
 */
@Injectable()
export class SmsSendPromptJob {
  private readonly logger = new Logger(SmsSendPromptJob.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly prompts: SmsPromptRepository,
    private readonly audit: AuditRepository,
    private readonly provider: SmsProvider,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle({ promptId }: SmsSendPromptData): Promise<{ outcome: SendOutcome }> {
    const claimed = await this.tx.run((tx) => this.claim(tx, promptId));
    if (typeof claimed === 'string') return { outcome: claimed };

    let providerMessageId: string;
    try {
      // A provider that does not answer must not hold the job (and the prompt) forever: past the timeout the
      // message may or may not have gone out, so it counts as ambiguous and the prompt is recorded 'unknown'.
      const sending = this.provider.send({ to: claimed.to, body: claimed.body, statusCallbackUrl: `${this.baseUrl()}/webhooks/sms/twilio/status` });
      ({ providerMessageId } = await withTimeout(sending, this.config.SMS_PROVIDER_TIMEOUT_MS, 'the SMS provider'));
    } catch (error) {
      return this.onSendError(claimed.prompt, error instanceof TimeoutError ? new SmsSendError('ambiguous', 'timeout') : error);
    }

    await this.tx.run(async (tx) => {
      const sentAt = this.clock.now();
      if (!(await this.prompts.markSent(tx, promptId, providerMessageId, sentAt))) return;
      let reminder = false;
      if (claimed.prompt.kind !== 'reminder') {
        const due = reminderDueAt(sentAt, claimed.expiresAt, this.config.SMS_REMINDER_AFTER_MINUTES * 60_000, claimed.timezone);
        if (due) {
          await this.prompts.insertMany(tx, [{
            patientId: claimed.prompt.patientId, interventionId: claimed.prompt.interventionId, kind: 'reminder', reminderOf: promptId,
            offsetMinutes: null, dueAt: due, timeCritical: false, expiresAt: claimed.expiresAt,
          }]);
          reminder = true;
        }
      }
      await this.auditEvent(tx, claimed.prompt, 'sms_prompt.sent', { provider: this.provider.name, kind: claimed.prompt.kind, reminderPlanned: reminder });
    });
    return { outcome: 'sent' };
  }

  /** Decides under the prompt's lock whether to send at all; returns the message to send, or why not. */
  private async claim(tx: Tx, promptId: string): Promise<Claimed | SendOutcome> {
    const found = await this.prompts.lockForSending(tx, promptId);
    if (!found || found.prompt.status !== 'queued') return 'nothing_to_do';
    const { prompt, recipient, parent } = found;
    const now = this.clock.now();
    if (prompt.dueAt.getTime() > now.getTime()) {
      // Moved later after it was queued: the scheduler will queue it again when it is due.
      await this.prompts.returnToPending(tx, promptId);
      return 'nothing_to_do';
    }
    let expiresAt: Date;
    if (parent) {
      expiresAt = parent.expiresAt ?? now;
    } else {
      const nextDue = await this.prompts.nextDueAfter(tx, prompt.patientId, prompt.id, prompt.dueAt);
      if (nextDue && nextDue.getTime() <= now.getTime()) return this.skip(tx, prompt, 'superseded by a later prompt');
      expiresAt = linkExpiry(now, nextDue);
    }
    const reason = skipReason(recipient, parent, expiresAt, now);
    if (reason) return this.skip(tx, prompt, reason);
    const sentToday = await this.prompts.countSentSince(tx, prompt.patientId, new Date(now.getTime() - DAY_MS));
    if (sentToday >= this.config.SMS_DAILY_CAP_PER_PATIENT) return this.skip(tx, prompt, `daily limit of ${this.config.SMS_DAILY_CAP_PER_PATIENT} texts reached`);

    const token = randomBytes(32).toString('base64url');
    await this.prompts.markSending(tx, promptId, { tokenHash: createHash('sha256').update(token).digest(), expiresAt, now, provider: this.provider.name });
    const link = `${this.baseUrl()}/s/${token}`;
    return { prompt: { ...prompt, attempts: prompt.attempts + 1 }, to: recipient.phone!, body: prompt.kind === 'reminder' ? reminderText(link) : promptText(link), expiresAt, timezone: recipient.timezone };
  }

  private async skip(tx: Tx, prompt: SmsPromptEntity, reason: string): Promise<SendOutcome> {
    await this.prompts.markSkipped(tx, prompt.id, reason);
    await this.auditEvent(tx, prompt, 'sms_prompt.skipped', { reason });
    return 'skipped';
  }

  private async onSendError(prompt: SmsPromptEntity, error: unknown): Promise<{ outcome: SendOutcome }> {
    const e = error instanceof SmsSendError ? error : new SmsSendError('ambiguous', 'unexpected_error');
    const reason = `${e.kind}: ${e.code}`;
    if (e.kind === 'transient' && prompt.attempts < SMS_SEND_ATTEMPTS) {
      await this.prompts.markForRetry(prompt.id, reason);
      this.logger.warn({ promptId: prompt.id, attempt: prompt.attempts, reason }, 'SMS provider unavailable; retrying with backoff');
      throw e; // BullMQ retries the job with exponential backoff
    }
    const status = e.kind === 'ambiguous' ? 'unknown' : 'failed';
    await this.prompts.markEnded(prompt.id, status, reason);
    this.logger.warn({ promptId: prompt.id, attempt: prompt.attempts, reason, status }, 'SMS not sent');
    return { outcome: status };
  }

  private auditEvent(tx: Tx, prompt: SmsPromptEntity, action: string, details: Record<string, string | number | boolean>): Promise<void> {
    return this.audit.append(tx, [{ actorUserId: null, actorKind: 'worker', action, resourceType: 'sms_prompt', resourceId: prompt.id, patientId: prompt.patientId, requestId: null, details }]);
  }

  private baseUrl(): string {
    return this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }
}

/** No message after STOP, without consent or a phone; no reminder for an answered or (nearly) expired question. */
function skipReason(recipient: SmsRecipient, parent: SmsPromptEntity | null, expiresAt: Date, now: Date): string | null {
  if (recipient.smsOptedOutAt) return 'opted out';
  if (!recipient.smsConsent) return 'no SMS consent';
  if (!recipient.phone) return 'no phone number';
  if (parent?.answeredAt) return 'answered';
  if (expiresAt.getTime() <= now.getTime()) return 'expired';
  return null;
}
