import { BadRequestException, Injectable } from '@nestjs/common';
import { PainScoreRepository, type NewPainScore } from '@app/persistence';
import type { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { IdempotencyService } from '../common/idempotency.service';
import { parseTimestamp, requireNotInFuture } from '../common/timestamp';
import { PatientRecordService } from '../patients/patient-record.service';
import { type BulkResultDto, type CreatePainScoreDto, PainScoreDto, type PainScoreRangeQuery } from './pain-score.dto';

@Injectable()
export class PainScoreService {
  constructor(
    private readonly record: PatientRecordService,
    private readonly scores: PainScoreRepository,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
  ) {}

  create(actor: Actor, patientId: string, dto: CreatePainScoreDto, idempotencyKey?: string): Promise<PainScoreDto> {
    const score = this.toNewScore(actor, patientId, dto, 'recordedAt');
    return this.idempotency.once(actor, idempotencyKey, { patientId, ...dto }, (tx) =>
      this.record.changeWithin(tx, actor, patientId, async () => {
        const saved = await this.scores.insert(tx, score);
        return { result: PainScoreDto.of(saved), audit: [{ action: 'pain_score.create', resourceType: 'pain_score', resourceId: saved.id, details: { source: saved.source } }] };
      }),
    );
  }

  createMany(actor: Actor, patientId: string, items: CreatePainScoreDto[]): Promise<BulkResultDto> {
    const scores = items.map((item, i) => this.toNewScore(actor, patientId, item, `items.${i}.recordedAt`));
    return this.record.change(actor, patientId, async (tx) => {
      const inserted = await this.scores.insertMany(tx, scores);
      return { result: { inserted }, audit: [{ action: 'pain_score.bulk_create', resourceType: 'pain_score', details: { count: inserted } }] };
    });
  }

  list(actor: Actor, patientId: string, query: PainScoreRangeQuery): Promise<{ items: PainScoreDto[] }> {
    const from = query.from ? parseTimestamp('from', query.from) : undefined;
    const to = query.to ? parseTimestamp('to', query.to) : undefined;
    if (from && to && from > to) throw new BadRequestException('from must not be after to');
    return this.record.read(actor, patientId, { action: 'pain_score.list', resourceType: 'pain_score' }, async () => ({
      items: (await this.scores.listForPatient(patientId, { from, to })).map(PainScoreDto.of),
    }));
  }

  private toNewScore(actor: Actor, patientId: string, dto: CreatePainScoreDto, field: string): NewPainScore {
    const recordedAt = parseTimestamp(field, dto.recordedAt);
    requireNotInFuture(field, recordedAt, this.clock.now());
    return { patientId, score: dto.score, recordedAt, source: dto.source ?? 'api', enteredBy: actor.userId };
  }
}
