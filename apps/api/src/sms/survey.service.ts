import { Injectable } from '@nestjs/common';
import { canCorrect } from '@app/domain';
import { Clock } from '@app/config';
import { AuditRepository, PainScoreRepository, SmsPromptRepository, TransactionRunner, type SmsPromptEntity } from '@app/persistence';
import { auditAs, auditChangeAsPatient } from './sms-audit';
import type { SurveyView } from './survey-page';
import { hashSurveyToken, TOKEN_PATTERN } from './survey-token';

/**
 * The patient's side of a link. GET shows the form and changes nothing (link previewers open links too);
 * POST stores the answer — score, audit row and recompute outbox row in one transaction — and a second tap
 * within 15 minutes replaces it instead of adding another score.
 */
@Injectable()
export class SurveyService {
  constructor(
    private readonly prompts: SmsPromptRepository,
    private readonly scores: PainScoreRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async view(token: string, requestId: string | null): Promise<SurveyView> {
    if (!TOKEN_PATTERN.test(token)) return { state: 'unknown' };
    const prompt = await this.prompts.findByTokenHash(hashSurveyToken(token));
    const now = this.clock.now();
    if (!prompt) return { state: 'unknown' };
    if (prompt.answeredAt) return { state: 'used' };
    if (isExpired(prompt, now)) return { state: 'expired' };
    await this.tx.run((tx) =>
      auditAs(this.audit, tx, 'patient', requestId, { action: 'sms_link.open', resourceType: 'sms_prompt', resourceId: prompt.id, patientId: prompt.patientId }),
    );
    return { state: 'form', token };
  }

  async answer(token: string, rawScore: unknown, requestId: string | null): Promise<SurveyView> {
    if (!TOKEN_PATTERN.test(token)) return { state: 'unknown' };
    const score = typeof rawScore === 'string' && /^(10|[0-9])$/.test(rawScore.trim()) ? Number(rawScore.trim()) : null;
    const now = this.clock.now();
    return this.tx.run(async (tx) => {
      const prompt = await this.prompts.lockByTokenHash(tx, hashSurveyToken(token));
      if (!prompt) return { state: 'unknown' } as const;
      if (prompt.answeredAt && prompt.painScoreId) {
        if (!canCorrect(prompt.answeredAt, now)) return { state: 'used' } as const;
        if (score === null) return { state: 'form', token, error: 'Please tap one of the numbers from 0 to 10.' } as const;
        await this.prompts.correctScore(tx, prompt.painScoreId, score);
        await this.recordChange(tx, prompt, 'pain_score.correct', prompt.painScoreId, requestId);
        return { state: 'answered', token, score, canChange: true } as const;
      }
      if (prompt.answeredAt) return { state: 'used' } as const;
      if (isExpired(prompt, now)) return { state: 'expired' } as const;
      if (score === null) return { state: 'form', token, error: 'Please tap one of the numbers from 0 to 10.' } as const;
      const saved = await this.scores.insert(tx, { patientId: prompt.patientId, score, recordedAt: now, source: 'sms_link', enteredBy: null });
      await this.prompts.recordAnswer(tx, prompt.id, now, saved.id);
      await this.recordChange(tx, prompt, 'pain_score.create', saved.id, requestId);
      return { state: 'answered', token, score, canChange: true } as const;
    });
  }

  private async recordChange(tx: Parameters<SmsPromptRepository['recordAnswer']>[0], prompt: SmsPromptEntity, action: string, painScoreId: string, requestId: string | null) {
    await auditChangeAsPatient(this.audit, tx, requestId, {
      action, resourceType: 'pain_score', resourceId: painScoreId, patientId: prompt.patientId, details: { source: 'sms_link', promptId: prompt.id },
    });
  }
}

/** A link lives from sending until its expiry; one never sent (or cancelled) has no expiry and is not answerable. */
function isExpired(prompt: SmsPromptEntity, now: Date): boolean {
  return prompt.status === 'cancelled' || !prompt.expiresAt || prompt.expiresAt.getTime() <= now.getTime();
}
