import { Injectable, NotFoundException } from '@nestjs/common';
import { ALGORITHM_VERSION } from '@app/domain';
import { InterventionRepository, OutboxRepository, ResponseEngineRepository } from '@app/persistence';
import type { Actor } from '../common/actor';
import { PatientRecordService } from '../patients/patient-record.service';

/**
 * Serves what the worker computed — never computes per request. `fresh` says whether the stored answer
 * has seen every change (no recompute pending) and was made by the running algorithm version.
 */
@Injectable()
export class AttributionService {
  constructor(
    private readonly record: PatientRecordService,
    private readonly engine: ResponseEngineRepository,
    private readonly outbox: OutboxRepository,
    private readonly interventions: InterventionRepository,
  ) {}

  attribution(actor: Actor, patientId: string) {
    return this.record.read(actor, patientId, { action: 'attribution.read', resourceType: 'attribution', resourceId: patientId }, async () => {
      const { stored, pending } = await this.engine.findAttributionWithPending(patientId);
      if (!stored) return { status: 'pending' as const, patientId, fresh: false, computedAt: null };
      return {
        status: 'computed' as const,
        patientId,
        ...stored.payload,
        algorithmVersion: stored.algorithmVersion,
        computedAt: stored.computedAt.toISOString(),
        inputsUpTo: stored.inputsUpTo?.toISOString() ?? null,
        inputs: { scores: stored.scoreCount, interventions: stored.interventionCount },
        fresh: pending === null && stored.algorithmVersion === ALGORITHM_VERSION,
      };
    });
  }

  /** Every intervention's assessment at once, for the patient page (one query instead of one per intervention). */
  responses(actor: Actor, patientId: string) {
    return this.record.read(actor, patientId, { action: 'response.list', resourceType: 'intervention' }, async () => {
      const [stored, pending] = await Promise.all([this.engine.listAssessments(patientId), this.outbox.pendingWatermark(patientId)]);
      return {
        items: stored.map((s) => ({ ...s.payload, algorithmVersion: s.algorithmVersion, computedAt: s.computedAt.toISOString() })),
        fresh: pending === null && stored.every((s) => s.algorithmVersion === ALGORITHM_VERSION),
      };
    });
  }

  response(actor: Actor, patientId: string, interventionId: string) {
    return this.record.read(actor, patientId, { action: 'response.read', resourceType: 'intervention', resourceId: interventionId }, async () => {
      if (!(await this.interventions.findOne(patientId, interventionId))) throw new NotFoundException(`intervention ${interventionId} not found`);
      const [stored, pending] = await Promise.all([this.engine.findAssessment(patientId, interventionId), this.outbox.pendingWatermark(patientId)]);
      if (!stored) return { status: 'pending' as const, interventionId, fresh: false, computedAt: null };
      return {
        ...stored.payload,
        algorithmVersion: stored.algorithmVersion,
        computedAt: stored.computedAt.toISOString(),
        fresh: pending === null && stored.algorithmVersion === ALGORITHM_VERSION,
      };
    });
  }
}
