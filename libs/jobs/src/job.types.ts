/** Queues and jobs in one typed registry; payloads carry ids only — never names, phones or scores. */
export enum QueueName {
  Audit = 'audit',
  Recompute = 'recompute',
  Sms = 'sms',
  Analytics = 'analytics',
}

export enum JobName {
  /** Repeatable (BullMQ job scheduler): seals committed audit rows onto the hash chain (docs/audit-trail.md). */
  AuditSeal = 'audit-seal',
  RecomputePatient = 'recompute-patient',
  /** Repeatable (BullMQ job scheduler): finds due SMS prompts and queues one send job each. */
  SmsDispatchDue = 'sms-dispatch-due',
  SmsSendPrompt = 'sms-send-prompt',
  /** Repeatable (BullMQ job scheduler): refreshes the analyst aggregates of patients recomputed since. */
  AnalyticsRefreshDue = 'analytics-refresh-due',
}

export interface RecomputePatientData {
  patientId: string;
  /** The outbox row this job was enqueued for (its jobId); for tracing, not for logic. */
  outboxId: string;
  /** Set by the outbox sweeper: a fresh job id, since the job under the plain id may have failed or ended early. */
  sweep?: number;
}

/** The scheduler's tick carries nothing: it reads what is due from Postgres. */
export type SmsDispatchDueData = Record<string, never>;

export interface SmsSendPromptData {
  promptId: string;
  /** The prompt's due time (ms) when queued: part of the job id, so a moved prompt gets a fresh job. */
  dueAtMs: number;
}

/** The analytics tick carries nothing: it reads which patients are stale from Postgres. */
export type AnalyticsRefreshDueData = Record<string, never>;

/** The sealer's tick carries nothing: it reads unsealed audit rows from Postgres. */
export type AuditSealData = Record<string, never>;

export type JobItem =
  | { name: JobName.AuditSeal; data: AuditSealData }
  | { name: JobName.RecomputePatient; data: RecomputePatientData }
  | { name: JobName.SmsDispatchDue; data: SmsDispatchDueData }
  | { name: JobName.SmsSendPrompt; data: SmsSendPromptData }
  | { name: JobName.AnalyticsRefreshDue; data: AnalyticsRefreshDueData };

export const QUEUE_OF: Readonly<Record<JobName, QueueName>> = {
  [JobName.AuditSeal]: QueueName.Audit,
  [JobName.RecomputePatient]: QueueName.Recompute,
  [JobName.SmsDispatchDue]: QueueName.Sms,
  [JobName.SmsSendPrompt]: QueueName.Sms,
  [JobName.AnalyticsRefreshDue]: QueueName.Analytics,
};
