import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PainScoreRepository, type NewPainScore } from '@app/persistence';
import type { Actor } from '../common/actor';
import { AuditService } from '../common/audit.service';
import { Clock } from '../common/clock';
import { IdempotencyService } from '../common/idempotency.service';
import { parseTimestamp, requireNotInFuture } from '../common/timestamp';
import { PatientRecordService } from '../patients/patient-record.service';
import { readPainScoreCsv } from './pain-score-csv';
import { type BulkResultDto, type CreatePainScoreDto, type ImportResultDto, PainScoreDto, type PainScoreRangeQuery } from './pain-score.dto';

@Injectable()
export class PainScoreService {
  constructor(
    private readonly record: PatientRecordService,
    private readonly scores: PainScoreRepository,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, patientId: string, dto: CreatePainScoreDto, idempotencyKey?: string): Promise<PainScoreDto> {
    const score = this.toNewScore(actor, patientId, dto, 'recordedAt');
    if (idempotencyKey === undefined) {
      const id = randomUUID();
      const audit = this.audit.entry(actor, { action: 'pain_score.create', resourceType: 'pain_score', resourceId: id, patientId, details: { source: score.source } });
      const saved = await this.scores.insertPermitted({ id, score, careTeamIds: actor.careTeamIds, audit });
      if (!saved) throw new NotFoundException(`patient ${patientId} not found`);
      return PainScoreDto.of(saved);
    }
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

  /**
   * CSV import of a historical diary. All or nothing: a file with any bad line stores nothing and lists
   * every problem; lines already stored are skipped, so importing the same file again stores nothing twice.
   */
  importCsv(actor: Actor, patientId: string, csv: string, dryRun: boolean): Promise<ImportResultDto> {
    const { rows, problems } = readPainScoreCsv(csv, this.clock.now());
    const result = (duplicates: number, inserted: number): ImportResultDto => ({
      dryRun, total: rows.length + new Set(problems.map((p) => p.row)).size, valid: rows.length, duplicates, inserted, errors: problems,
      preview: rows.slice(0, 20).map((r) => ({ row: r.row, score: r.score, recordedAt: r.recordedAt.toISOString() })),
    });
    const details = { valid: rows.length, problems: problems.length };
    if (dryRun || problems.length > 0) {
      // A preview or a refused file stores nothing, so it is audited as a read and triggers no recompute.
      return this.record.read(actor, patientId, { action: 'pain_score.import_preview', resourceType: 'pain_score', details }, async () =>
        result(await this.scores.countExisting(patientId, rows), 0),
      );
    }
    return this.record.change(actor, patientId, async (tx) => {
      const duplicates = await this.scores.countExisting(patientId, rows, tx);
      const inserted = await this.scores.insertNew(tx, patientId, rows, actor.userId);
      return { result: result(duplicates, inserted), audit: [{ action: 'pain_score.import', resourceType: 'pain_score', details: { ...details, inserted } }] };
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
