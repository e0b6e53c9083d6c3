/** Queues and jobs in one typed registry; payloads carry ids only — never names, phones or scores. */
export enum QueueName {
  Recompute = 'recompute',
}

export enum JobName {
  RecomputePatient = 'recompute-patient',
}

export interface RecomputePatientData {
  patientId: string;
  /** The outbox row this job was enqueued for (its jobId); for tracing, not for logic. */
  outboxId: string;
}

export type JobItem = { name: JobName.RecomputePatient; data: RecomputePatientData };

export const QUEUE_OF: Readonly<Record<JobName, QueueName>> = {
  [JobName.RecomputePatient]: QueueName.Recompute,
};
