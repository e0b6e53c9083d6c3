import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { findingsProblems } from '@app/domain';
import { VisitRepository } from '@app/persistence';
import type { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { parseTimestamp, requireNotInFuture } from '../common/timestamp';
import { PatientRecordService } from '../patients/patient-record.service';
import { type CreateVisitDto, type UpdateVisitDto, VisitDto } from './visit.dto';

@Injectable()
export class VisitService {
  constructor(private readonly record: PatientRecordService, private readonly visits: VisitRepository, private readonly clock: Clock) {}

  create(actor: Actor, patientId: string, dto: CreateVisitDto): Promise<VisitDto> {
    const occurredAt = this.checkedTime(dto.occurredAt);
    checkFindings(dto.findings);
    return this.record.change(actor, patientId, async (tx) => {
      const visit = await this.visits.insert(tx, { patientId, clinicianId: actor.userId, occurredAt, clinicPain: dto.clinicPain ?? null, findings: dto.findings, note: dto.note ?? null });
      return { result: VisitDto.of(visit), audit: [{ action: 'visit.create', resourceType: 'visit', resourceId: visit.id }] };
    });
  }

  list(actor: Actor, patientId: string): Promise<{ items: VisitDto[] }> {
    return this.record.read(actor, patientId, { action: 'visit.list', resourceType: 'visit' }, async () => ({
      items: (await this.visits.listForPatient(patientId)).map(VisitDto.of),
    }));
  }

  update(actor: Actor, patientId: string, visitId: string, dto: UpdateVisitDto): Promise<VisitDto> {
    const occurredAt = dto.occurredAt === undefined ? undefined : this.checkedTime(dto.occurredAt);
    if (dto.findings !== undefined) checkFindings(dto.findings);
    return this.record.change(actor, patientId, async (tx) => {
      const existing = await this.visits.findOne(patientId, visitId, tx);
      if (!existing) throw new NotFoundException(`visit ${visitId} not found`);
      const changes = { occurredAt, clinicPain: dto.clinicPain, findings: dto.findings, note: dto.note };
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      await this.visits.update(tx, visitId, defined);
      const updated = { ...existing, ...defined };
      return { result: VisitDto.of(updated), audit: [{ action: 'visit.update', resourceType: 'visit', resourceId: visitId, details: { fields: Object.keys(defined) } }] };
    });
  }

  remove(actor: Actor, patientId: string, visitId: string): Promise<void> {
    return this.record.change(actor, patientId, async (tx) => {
      if (!(await this.visits.findOne(patientId, visitId, tx))) throw new NotFoundException(`visit ${visitId} not found`);
      await this.visits.delete(tx, visitId);
      return { result: undefined, audit: [{ action: 'visit.delete', resourceType: 'visit', resourceId: visitId }] };
    });
  }

  private checkedTime(value: string): Date {
    const time = parseTimestamp('occurredAt', value);
    requireNotInFuture('occurredAt', time, this.clock.now());
    return time;
  }
}

function checkFindings(findings: unknown): void {
  const problems = findingsProblems(findings);
  if (problems.length > 0) throw new BadRequestException({ message: problems, errors: problems.map((problem) => ({ field: problem.split(' ')[0], problem })) });
}
