import type { AuditDetails, AuditRepository, Tx } from '@app/persistence';

/**
 * Audit rows for actions without a signed-in user: a patient answering through a link or an SMS
 * (actorKind 'patient'), or Twilio reporting delivery ('twilio'). actorUserId is null for both.
 */
export function auditAs(
  audit: AuditRepository,
  tx: Tx,
  actorKind: 'patient' | 'twilio',
  requestId: string | null,
  event: { action: string; resourceType: string; resourceId: string | null; patientId: string; details?: AuditDetails },
): Promise<void> {
  return audit.append(tx, [{ actorUserId: null, actorKind, requestId, ...event }]);
}

/** The same for a patient's own change to their diary, with the recompute it calls for (one statement). */
export function auditChangeAsPatient(
  audit: AuditRepository,
  tx: Tx,
  requestId: string | null,
  event: { action: string; resourceType: string; resourceId: string | null; patientId: string; details?: AuditDetails },
): Promise<void> {
  return audit.appendWithRecompute(tx, [{ actorUserId: null, actorKind: 'patient', requestId, ...event }], event.patientId);
}
