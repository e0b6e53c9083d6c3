import { Inject, Injectable } from '@nestjs/common';
import { deliveryRank } from '@app/domain';
import { APP_CONFIG, type AppConfig, Clock } from '@app/config';
import { AuditRepository, PainScoreRepository, SmsPromptRepository, TransactionRunner } from '@app/persistence';
import { type InboundOutcome, parseInboundSms, replyTextFor, twimlReply } from '@app/sms';
import { auditAs, auditChangeAsPatient } from './sms-audit';

/** Inbound SMS and delivery callbacks (already signature-checked by the controller). */
@Injectable()
export class SmsInboundService {
  constructor(
    private readonly prompts: SmsPromptRepository,
    private readonly scores: PainScoreRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Answers with TwiML: a digit is a score for the newest open prompt of that phone; keywords opt out, in, or help. */
  async receive(params: Record<string, unknown>, requestId: string | null): Promise<string> {
    const from = typeof params.From === 'string' ? params.From.trim() : '';
    const intent = parseInboundSms(typeof params.Body === 'string' ? params.Body : '');
    const now = this.clock.now();
    const outcome = await this.tx.run(async (tx): Promise<InboundOutcome> => {
      switch (intent.kind) {
        case 'opt_out':
        case 'opt_in': {
          const patientIds = await this.prompts.patientIdsByPhone(tx, from);
          await this.prompts.setOptedOut(tx, patientIds, intent.kind === 'opt_out' ? now : null);
          for (const patientId of patientIds) {
            await auditAs(this.audit, tx, 'patient', requestId, { action: `patient.sms_${intent.kind}`, resourceType: 'patient', resourceId: patientId, patientId });
          }
          return intent.kind === 'opt_out' ? 'opted_out' : 'opted_in';
        }
        case 'score': {
          const prompt = from ? await this.prompts.lockNewestOpenForPhone(tx, from, now) : null;
          if (!prompt) return 'no_open_prompt';
          const saved = await this.scores.insert(tx, { patientId: prompt.patientId, score: intent.score, recordedAt: now, source: 'sms_reply', enteredBy: null });
          await this.prompts.recordAnswer(tx, prompt.id, now, saved.id);
          await auditChangeAsPatient(this.audit, tx, requestId, {
            action: 'pain_score.create', resourceType: 'pain_score', resourceId: saved.id, patientId: prompt.patientId, details: { source: 'sms_reply', promptId: prompt.id },
          });
          return 'recorded';
        }
        case 'help':
          return 'help';
        case 'unknown':
          return 'unknown';
      }
    });
    return twimlReply(replyTextFor(outcome, this.config.CLINIC_NAME));
  }

  /** Delivery status moves forward only, so callbacks arriving out of order cannot turn "delivered" back into "sent". */
  async recordStatus(params: Record<string, unknown>, requestId: string | null): Promise<void> {
    const sid = typeof params.MessageSid === 'string' ? params.MessageSid : typeof params.SmsSid === 'string' ? params.SmsSid : null;
    const status = typeof params.MessageStatus === 'string' ? params.MessageStatus : typeof params.SmsStatus === 'string' ? params.SmsStatus : null;
    const rank = status ? deliveryRank(status) : null;
    if (!sid || !status || rank === null) return;
    await this.tx.run(async (tx) => {
      const prompt = await this.prompts.lockByProviderMessageId(tx, sid);
      if (!prompt || prompt.deliveryRank >= rank) return;
      await this.prompts.setDelivery(tx, prompt.id, status, rank);
      const errorCode = typeof params.ErrorCode === 'string' ? params.ErrorCode : null;
      await auditAs(this.audit, tx, 'twilio', requestId, {
        action: 'sms_prompt.delivery', resourceType: 'sms_prompt', resourceId: prompt.id, patientId: prompt.patientId, details: { status, errorCode },
      });
    });
  }
}
