/** Queues and jobs in one typed registry; payloads carry ids only — never names, phones or scores. */
export enum QueueName {
  Recompute = 'recompute',
  Sms = 'sms',
}

export enum JobName {
  RecomputePatient = 'recompute-patient',
  /** Repeatable (BullMQ job scheduler): finds due SMS prompts and queues one send job each. */
  SmsDispatchDue = 'sms-dispatch-due',
  SmsSendPrompt = 'sms-send-prompt',
}

export interface RecomputePatientData {
  patientId: string;
  /** The outbox row this job was enqueued for (its jobId); for tracing, not for logic. */
  outboxId: string;
}

/** The scheduler's tick carries nothing: it reads what is due from Postgres. */
export type SmsDispatchDueData = Record<string, never>;

export interface SmsSendPromptData {
  promptId: string;
  /** The prompt's due time (ms) when queued: part of the job id, so a moved prompt gets a fresh job. */
  dueAtMs: number;
}

export type JobItem =
  | { name: JobName.RecomputePatient; data: RecomputePatientData }
  | { name: JobName.SmsDispatchDue; data: SmsDispatchDueData }
  | { name: JobName.SmsSendPrompt; data: SmsSendPromptData };

export const QUEUE_OF: Readonly<Record<JobName, QueueName>> = {
  [JobName.RecomputePatient]: QueueName.Recompute,
  [JobName.SmsDispatchDue]: QueueName.Sms,
  [JobName.SmsSendPrompt]: QueueName.Sms,
};
