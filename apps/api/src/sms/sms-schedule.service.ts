import { Injectable } from '@nestjs/common';
import { planPrompts, type PlannedPrompt } from '@app/domain';
import { Clock } from '@app/config';
import { type InterventionEntity, type NewSmsPrompt, type PatientEntity, SmsPromptRepository, type SmsPromptEntity, type Tx } from '@app/persistence';
import type { AuditEvent } from '../common/audit.service';

type SmsAuditEvent = Omit<AuditEvent, 'patientId'>;

/** Whether the diary may text this patient at all: consent, a phone, and no STOP. */
export function canTextPatient(patient: Pick<PatientEntity, 'smsConsent' | 'phone' | 'smsOptedOutAt'>): boolean {
  return patient.smsConsent && Boolean(patient.phone) && !patient.smsOptedOutAt;
}

/**
 * Keeps an intervention's diary prompts in step with it, inside the intervention's own transaction: recording
 * one plans its prompts, editing it moves the unsent ones (or cancels those its new plan no longer has), deleting
 * it cancels them. Prompts already sent stay as they were: they are history.
 */
@Injectable()
export class SmsScheduleService {
  constructor(private readonly prompts: SmsPromptRepository, private readonly clock: Clock) {}

  async onInterventionSaved(tx: Tx, patient: PatientEntity, intervention: Pick<InterventionEntity, 'id' | 'type' | 'performedAt' | 'endedAt'>): Promise<SmsAuditEvent[]> {
    const existing = await this.prompts.listForIntervention(tx, intervention.id);
    const plan = canTextPatient(patient)
      ? planPrompts({ type: intervention.type, performedAt: intervention.performedAt, endedAt: intervention.endedAt, timezone: patient.timezone, now: this.clock.now() })
      : [];
    const bySlot = new Map(existing.map((p) => [slotOf(p), p]));
    const kept = new Set<string>();
    const inserts: NewSmsPrompt[] = [];
    let moved = 0;
    for (const planned of plan) {
      const current = bySlot.get(slotOf(planned));
      if (!current) {
        inserts.push({ patientId: patient.id, interventionId: intervention.id, kind: planned.kind, offsetMinutes: planned.offsetMinutes, dueAt: planned.dueAt, timeCritical: planned.timeCritical });
        continue;
      }
      kept.add(current.id);
      if (isUnsent(current) && (current.dueAt.getTime() !== planned.dueAt.getTime() || current.timeCritical !== planned.timeCritical)) {
        await this.prompts.move(tx, current.id, planned.dueAt, planned.timeCritical);
        moved++;
      }
    }
    const dropped = existing.filter((p) => isUnsent(p) && !kept.has(p.id)).map((p) => p.id);
    const cancelled = dropped.length > 0 ? await this.prompts.cancelUnsent(tx, intervention.id, dropped, 'no longer in the intervention\'s plan') : 0;
    await this.prompts.insertMany(tx, inserts);
    if (inserts.length + moved + cancelled === 0) return [];
    return [{ action: 'sms_prompt.schedule', resourceType: 'intervention', resourceId: intervention.id, details: { created: inserts.length, moved, cancelled } }];
  }

  async onInterventionRemoved(tx: Tx, interventionId: string): Promise<SmsAuditEvent[]> {
    const cancelled = await this.prompts.cancelUnsent(tx, interventionId, null, 'intervention deleted');
    return cancelled > 0 ? [{ action: 'sms_prompt.cancel', resourceType: 'intervention', resourceId: interventionId, details: { cancelled } }] : [];
  }
}

const slotOf = (p: Pick<PlannedPrompt, 'kind' | 'offsetMinutes'> | Pick<SmsPromptEntity, 'kind' | 'offsetMinutes'>) => `${p.kind}:${p.offsetMinutes}`;
const isUnsent = (p: SmsPromptEntity) => p.status === 'pending' || p.status === 'queued';
