import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { INTERVENTION_CATALOGUE, type InterventionType } from '@app/domain';
import { InterventionRepository, type InterventionEntity } from '@app/persistence';
import type { Actor } from '../common/actor';
import { parseTimestamp } from '../common/timestamp';
import { PatientAccessService } from '../patients/patient-access.service';
import { PatientRecordService } from '../patients/patient-record.service';
import { SmsScheduleService } from '../sms/sms-schedule.service';
import { type CreateInterventionDto, InterventionDto, type UpdateInterventionDto } from './intervention.dto';

type InterventionFields = Pick<InterventionEntity, 'type' | 'performedAt' | 'endedAt' | 'laterality' | 'spinalLevels' | 'agents' | 'note'>;

@Injectable()
export class InterventionService {
  constructor(
    private readonly record: PatientRecordService,
    /** The diary plan needs the patient's phone, consent and time zone, which the plain access check does not load. */
    private readonly access: PatientAccessService,
    private readonly interventions: InterventionRepository,
    /** SMS diary prompts follow the intervention in the same transaction (created, moved, cancelled). */
    private readonly smsSchedule: SmsScheduleService,
  ) {}

  create(actor: Actor, patientId: string, dto: CreateInterventionDto): Promise<InterventionDto> {
    const fields = checkedFields({
      type: dto.type,
      performedAt: parseTimestamp('performedAt', dto.performedAt),
      endedAt: dto.endedAt ? parseTimestamp('endedAt', dto.endedAt) : null,
      laterality: dto.laterality ?? null,
      spinalLevels: dto.spinalLevels ?? [],
      agents: dto.agents ?? INTERVENTION_CATALOGUE[dto.type].defaultAgents,
      note: dto.note ?? null,
    });
    return this.record.change(actor, patientId, async (tx) => {
      const patient = await this.access.require(actor, patientId, tx);
      const created = await this.interventions.insert(tx, { ...fields, patientId, target: INTERVENTION_CATALOGUE[fields.type].target, createdBy: actor.userId });
      const sms = await this.smsSchedule.onInterventionSaved(tx, patient, created);
      return { result: InterventionDto.of(created), audit: [{ action: 'intervention.create', resourceType: 'intervention', resourceId: created.id, details: { type: created.type } }, ...sms] };
    });
  }

  list(actor: Actor, patientId: string): Promise<{ items: InterventionDto[] }> {
    return this.record.read(actor, patientId, { action: 'intervention.list', resourceType: 'intervention' }, async () => ({
      items: (await this.interventions.listForPatient(patientId)).map(InterventionDto.of),
    }));
  }

  get(actor: Actor, patientId: string, interventionId: string): Promise<InterventionDto> {
    return this.record.read(actor, patientId, { action: 'intervention.read', resourceType: 'intervention', resourceId: interventionId }, async () =>
      InterventionDto.of(await this.require(patientId, interventionId)),
    );
  }

  update(actor: Actor, patientId: string, interventionId: string, dto: UpdateInterventionDto): Promise<InterventionDto> {
    return this.record.change(actor, patientId, async (tx) => {
      const patient = await this.access.require(actor, patientId, tx);
      const existing = await this.require(patientId, interventionId, tx);
      const fields = checkedFields({
        type: existing.type,
        performedAt: dto.performedAt ? parseTimestamp('performedAt', dto.performedAt) : existing.performedAt,
        endedAt: dto.endedAt === undefined ? existing.endedAt : dto.endedAt === null ? null : parseTimestamp('endedAt', dto.endedAt),
        laterality: dto.laterality === undefined ? existing.laterality : dto.laterality,
        spinalLevels: dto.spinalLevels ?? existing.spinalLevels,
        agents: dto.agents ?? existing.agents,
        note: dto.note === undefined ? existing.note : dto.note,
      });
      await this.interventions.update(tx, interventionId, fields);
      const sms = await this.smsSchedule.onInterventionSaved(tx, patient, { ...existing, ...fields });
      const changed = Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined);
      return {
        result: InterventionDto.of({ ...existing, ...fields }),
        audit: [{ action: 'intervention.update', resourceType: 'intervention', resourceId: interventionId, details: { fields: changed } }, ...sms],
      };
    });
  }

  remove(actor: Actor, patientId: string, interventionId: string): Promise<void> {
    return this.record.change(actor, patientId, async (tx) => {
      await this.require(patientId, interventionId, tx);
      const sms = await this.smsSchedule.onInterventionRemoved(tx, interventionId);
      await this.interventions.delete(tx, interventionId);
      return { result: undefined, audit: [{ action: 'intervention.delete', resourceType: 'intervention', resourceId: interventionId }, ...sms] };
    });
  }

  private async require(patientId: string, interventionId: string, tx?: Parameters<InterventionRepository['findOne']>[2]): Promise<InterventionEntity> {
    const found = await this.interventions.findOne(patientId, interventionId, tx);
    if (!found) throw new NotFoundException(`intervention ${interventionId} not found`);
    return found;
  }
}

/** Rules that depend on the type: levels only for spine procedures, agents only for injections, an end only for courses. */
function checkedFields(fields: InterventionFields): InterventionFields {
  const info = INTERVENTION_CATALOGUE[fields.type as InterventionType];
  const problems: string[] = [];
  if (fields.spinalLevels.length > 0 && !info.takesSpinalLevels) problems.push(`spinalLevels apply only to spine procedures, not to ${fields.type}`);
  if (fields.agents.length > 0 && info.kind !== 'injection') problems.push(`agents apply only to injections, not to ${fields.type}`);
  if (fields.endedAt && info.kind !== 'course' && info.kind !== 'medication') problems.push(`endedAt applies only to courses (PT, medication), not to ${fields.type}`);
  if (fields.endedAt && fields.endedAt < fields.performedAt) problems.push('endedAt must not be before performedAt');
  if (problems.length > 0) throw new BadRequestException(problems);
  return { ...fields, spinalLevels: [...new Set(fields.spinalLevels)], agents: [...new Set(fields.agents)] };
}
