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
