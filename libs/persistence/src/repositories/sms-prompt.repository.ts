import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Tx } from '../database';
import { PainScoreEntity, PatientEntity } from '../entities';
import { SmsPromptEntity, type SmsPromptKindColumn, type SmsPromptStatus } from '../entities/sms-prompt.entity';
import { FieldCipher } from '../field-cipher';

export interface NewSmsPrompt {
  patientId: string;
  interventionId: string | null;
  kind: SmsPromptKindColumn;
  reminderOf?: string | null;
  offsetMinutes: number | null;
  dueAt: Date;
  timeCritical: boolean;
  expiresAt?: Date | null;
}

/** Who a prompt goes to, read under the prompt's lock when it is about to be sent. */
export type SmsRecipient = Pick<PatientEntity, 'id' | 'phone' | 'timezone' | 'smsConsent' | 'smsOptedOutAt'>;

/** Statuses of a prompt that has not been handed to a provider yet (so it can still move or be cancelled). */
const UNSENT: SmsPromptStatus[] = ['pending', 'queued'];

/**
 * The SMS diary's prompts: planning (in the caller's transaction), claiming due ones for sending (SKIP LOCKED),
 * the send state machine, link answers and delivery callbacks. Every time comes from the caller's clock.
 */
@Injectable()
export class SmsPromptRepository {
  constructor(
    private readonly db: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  // ── planning ─────────────────────────────────────────────────────────────

  /** The live (not cancelled) protocol prompts of an intervention, locked so two edits cannot interleave. */
  listForIntervention(tx: Tx, interventionId: string): Promise<SmsPromptEntity[]> {
    return tx
      .getRepository(SmsPromptEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.intervention_id = :interventionId', { interventionId })
      .andWhere(`p.status <> 'cancelled'`)
      .andWhere(`p.kind <> 'reminder'`)
      .orderBy('p.due_at', 'ASC')
      .getMany();
  }

  async insertMany(tx: Tx, prompts: NewSmsPrompt[]): Promise<void> {
    if (prompts.length === 0) return;
    await tx.createQueryBuilder().insert().into(SmsPromptEntity).values(prompts).updateEntity(false).execute();
  }

  /** Moves a not-yet-sent prompt; a queued one goes back to pending so its job (if it runs) finds nothing to do. */
  async move(tx: Tx, id: string, dueAt: Date, timeCritical: boolean): Promise<void> {
    await tx.query(`UPDATE sms_prompt SET due_at = $2, time_critical = $3, status = 'pending', queued_at = NULL, updated_at = now() WHERE id = $1 AND status IN ('pending', 'queued')`, [
      id, dueAt, timeCritical,
    ]);
  }

  /** Cancels the unsent prompts (and unsent reminders) among the ids, or of the whole intervention when ids is null. */
  async cancelUnsent(tx: Tx, interventionId: string, ids: string[] | null, reason: string): Promise<number> {
    const rows: unknown[] = await tx.query(
      `UPDATE sms_prompt SET status = 'cancelled', status_reason = $3, updated_at = now()
        WHERE intervention_id = $1 AND status IN ('pending', 'queued') AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]) OR reminder_of = ANY($2::uuid[]))
        RETURNING id`,
      [interventionId, ids, reason],
    );
    return rows.length;
  }

  listForPatient(patientId: string): Promise<SmsPromptEntity[]> {
    return this.db.getRepository(SmsPromptEntity).find({ where: { patientId }, order: { dueAt: 'ASC', createdAt: 'ASC' } });
  }

  findById(id: string, tx: Tx = this.db.manager): Promise<SmsPromptEntity | null> {
    return tx.getRepository(SmsPromptEntity).findOneBy({ id });
  }

  // ── dispatch ─────────────────────────────────────────────────────────────

  /**
   * Claims due prompts nobody has queued yet (SKIP LOCKED: two schedulers never take the same row), hands them to
   * `enqueue`, and marks them queued in the same transaction: a crash before the commit leaves them pending (and
   * a job that may already exist finds them not queued, or is deduplicated by its id).
   */
  async claimDue(now: Date, limit: number, enqueue: (prompts: Array<{ id: string; dueAt: Date }>) => Promise<void>): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows: Array<{ id: string; due_at: Date }> = await tx.query(
        `SELECT id, due_at FROM sms_prompt WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, limit],
      );
      if (rows.length === 0) return 0;
      await enqueue(rows.map((r) => ({ id: r.id, dueAt: r.due_at })));
      await tx.query(`UPDATE sms_prompt SET status = 'queued', queued_at = $2, updated_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id), now]);
      return rows.length;
    });
  }

  /** Prompts queued long ago and still not picked up: their job may have vanished with Redis. */
  async staleQueued(now: Date, olderThanMs: number, limit: number): Promise<Array<{ id: string; dueAt: Date }>> {
    const rows: Array<{ id: string; due_at: Date }> = await this.db.query(
      `SELECT id, due_at FROM sms_prompt WHERE status = 'queued' AND queued_at < $1 ORDER BY queued_at LIMIT $2`,
      [new Date(now.getTime() - olderThanMs), limit],
    );
    return rows.map((r) => ({ id: r.id, dueAt: r.due_at }));
  }

  /**
   * A prompt left in 'sending' past the timeout: the worker died between asking the provider and recording the
   * answer. It may or may not have reached the phone, so it becomes 'unknown' — never re-sent blindly.
   */
  async markStuckSendingUnknown(now: Date, timeoutMs: number): Promise<string[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [rows]: [Array<{ id: string }>, number] = await this.db.query(
      `UPDATE sms_prompt SET status = 'unknown', status_reason = 'interrupted while sending; not re-sent to avoid a duplicate', updated_at = now()
        WHERE status = 'sending' AND sending_at < $1 RETURNING id`,
      [new Date(now.getTime() - timeoutMs)],
    );
    return rows.map((r) => r.id);
  }

  /** Development: makes the earliest pending prompt due now, so the diary can be walked through in minutes. */
  async pullNextForward(now: Date): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.db.query(
      `UPDATE sms_prompt SET due_at = $1, updated_at = now()
        WHERE id = (SELECT id FROM sms_prompt WHERE status = 'pending' ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id`,
      [now],
    );
    return rows[0]?.id ?? null;
  }

  // ── sending one prompt ───────────────────────────────────────────────────

  /** The prompt and its recipient, the prompt row locked for the rest of the transaction. */
  async lockForSending(tx: Tx, id: string): Promise<{ prompt: SmsPromptEntity; recipient: SmsRecipient; parent: SmsPromptEntity | null } | null> {
    const prompt = await tx.getRepository(SmsPromptEntity).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
    if (!prompt) return null;
    const recipient = await tx.getRepository(PatientEntity).findOne({ where: { id: prompt.patientId }, select: { id: true, phone: true, timezone: true, smsConsent: true, smsOptedOutAt: true } });
    if (!recipient) return null;
    const parent = prompt.reminderOf ? await tx.getRepository(SmsPromptEntity).findOneBy({ id: prompt.reminderOf }) : null;
    return { prompt, recipient, parent };
  }

  /** Due time of the patient's next question after this one (reminders do not count), or null. */
  async nextDueAfter(tx: Tx, patientId: string, promptId: string, dueAt: Date): Promise<Date | null> {
    const [row]: Array<{ due_at: Date | null }> = await tx.query(
      `SELECT min(due_at) AS due_at FROM sms_prompt
        WHERE patient_id = $1 AND id <> $2 AND kind <> 'reminder' AND status IN ('pending', 'queued', 'sending', 'sent', 'unknown') AND due_at > $3`,
      [patientId, promptId, dueAt],
    );
    return row?.due_at ?? null;
  }

  async markSending(tx: Tx, id: string, fields: { tokenHash: Buffer; expiresAt: Date; now: Date; provider: string }): Promise<void> {
    await tx.query(
      `UPDATE sms_prompt SET status = 'sending', token_hash = $2, expires_at = $3, sending_at = $4, provider = $5, attempts = attempts + 1, status_reason = NULL, updated_at = now() WHERE id = $1`,
      [id, fields.tokenHash, fields.expiresAt, fields.now, fields.provider],
    );
  }

  /** Records the provider's acceptance; only a prompt still in 'sending' moves (an 'unknown' one stays a trace). */
  async markSent(tx: Tx, id: string, providerMessageId: string, sentAt: Date): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `UPDATE sms_prompt SET status = 'sent', provider_message_id = $2, sent_at = $3,
              delivery_status = coalesce(delivery_status, 'accepted'), delivery_rank = greatest(delivery_rank, 1), updated_at = now()
        WHERE id = $1 AND status = 'sending' RETURNING id`,
      [id, providerMessageId, sentAt],
    );
    return rows.length > 0;
  }

  /** A transient provider error: the message was not accepted, so the prompt may be tried again with a new token. */
  async markForRetry(id: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE sms_prompt SET status = 'queued', token_hash = NULL, expires_at = NULL, status_reason = $2, updated_at = now() WHERE id = $1 AND status = 'sending'`,
      [id, reason],
    );
  }

  async markEnded(id: string, status: 'failed' | 'unknown', reason: string): Promise<void> {
    await this.db.query(`UPDATE sms_prompt SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1 AND status = 'sending'`, [id, status, reason]);
  }

  async markSkipped(tx: Tx, id: string, reason: string): Promise<void> {
    await tx.query(`UPDATE sms_prompt SET status = 'skipped', status_reason = $2, updated_at = now() WHERE id = $1`, [id, reason]);
  }

  /** A queued prompt whose job ran early (it was moved): back to pending for the scheduler. */
  async returnToPending(tx: Tx, id: string): Promise<void> {
    await tx.query(`UPDATE sms_prompt SET status = 'pending', queued_at = NULL, updated_at = now() WHERE id = $1 AND status = 'queued'`, [id]);
  }

  // ── answers ──────────────────────────────────────────────────────────────

  /**
   * The question a link answers (a reminder's link answers its parent), locked so two taps at once are
   * serialised. Null for an unknown token.
   */
  async lockByTokenHash(tx: Tx, tokenHash: Buffer): Promise<SmsPromptEntity | null> {
    const [row]: Array<{ id: string }> = await tx.query(`SELECT coalesce(reminder_of, id) AS id FROM sms_prompt WHERE token_hash = $1`, [tokenHash]);
    if (!row) return null;
    return tx.getRepository(SmsPromptEntity).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id: row.id }).getOne();
  }

  /** The same without a lock, for showing the form (GET never changes anything). */
  async findByTokenHash(tokenHash: Buffer): Promise<SmsPromptEntity | null> {
    const [row]: Array<{ id: string }> = await this.db.query(`SELECT coalesce(reminder_of, id) AS id FROM sms_prompt WHERE token_hash = $1`, [tokenHash]);
    return row ? this.db.getRepository(SmsPromptEntity).findOneBy({ id: row.id }) : null;
  }

  /** The newest question sent to any patient with this phone that is still open (unanswered, not expired); found by the phone's blind index. */
  async lockNewestOpenForPhone(tx: Tx, phone: string, now: Date): Promise<SmsPromptEntity | null> {
    return tx
      .getRepository(SmsPromptEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write', undefined, ['p'])
      .innerJoin(PatientEntity, 'pt', 'pt.id = p.patient_id')
      .where('pt.phone_index = :phoneIndex', { phoneIndex: this.cipher.blindIndex('phone', phone) })
      .andWhere(`p.kind <> 'reminder'`)
      .andWhere(`p.status IN ('sent', 'unknown')`)
      .andWhere('p.answered_at IS NULL')
      .andWhere('p.expires_at > :now', { now })
      .orderBy('p.sent_at', 'DESC', 'NULLS LAST')
      .addOrderBy('p.due_at', 'DESC')
      .getOne();
  }

  async recordAnswer(tx: Tx, id: string, answeredAt: Date, painScoreId: string): Promise<void> {
    await tx.query(`UPDATE sms_prompt SET answered_at = $2, pain_score_id = $3, updated_at = now() WHERE id = $1`, [id, answeredAt, painScoreId]);
    // The reminder of an answered question has nothing left to ask.
    await tx.query(`UPDATE sms_prompt SET status = 'skipped', status_reason = 'answered', updated_at = now() WHERE reminder_of = $1 AND status IN ('pending', 'queued')`, [id]);
  }

  /** A correction inside the window replaces the value of the score the link stored. */
  async correctScore(tx: Tx, painScoreId: string, score: number): Promise<void> {
    await tx.getRepository(PainScoreEntity).update({ id: painScoreId }, { score });
  }

  // ── patients by phone (inbound SMS) ──────────────────────────────────────

  /** Phones are encrypted; the blind index (HMAC of the E.164 form) is what the database can match. */
  async patientIdsByPhone(tx: Tx, phone: string): Promise<string[]> {
    if (!phone) return [];
    const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM patient WHERE phone_index = $1`, [this.cipher.blindIndex('phone', phone)]);
    return rows.map((r) => r.id);
  }

  async setOptedOut(tx: Tx, patientIds: string[], at: Date | null): Promise<void> {
    if (patientIds.length === 0) return;
    await tx.getRepository(PatientEntity).update({ id: In(patientIds) }, { smsOptedOutAt: at });
  }

  // ── delivery status callbacks ────────────────────────────────────────────

  /** The prompt a provider message id belongs to, locked: callbacks for one message are applied one at a time. */
  async lockByProviderMessageId(tx: Tx, providerMessageId: string): Promise<SmsPromptEntity | null> {
    return tx.getRepository(SmsPromptEntity).createQueryBuilder('p').setLock('pessimistic_write').where('p.provider_message_id = :providerMessageId', { providerMessageId }).getOne();
  }

  async setDelivery(tx: Tx, id: string, status: string, rank: number): Promise<void> {
    await tx.query(`UPDATE sms_prompt SET delivery_status = $2, delivery_rank = $3, updated_at = now() WHERE id = $1 AND delivery_rank < $3`, [id, status, rank]);
  }

  /** Texts sent to the patient since the given moment (prompts and reminders alike), for the daily cap. */
  async countSentSince(tx: Tx, patientId: string, since: Date): Promise<number> {
    const [row]: Array<{ n: number }> = await tx.query(`SELECT count(*)::int AS n FROM sms_prompt WHERE patient_id = $1 AND sent_at >= $2`, [patientId, since]);
    return row.n;
  }
}
