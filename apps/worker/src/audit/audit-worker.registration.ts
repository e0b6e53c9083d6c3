import type { Provider } from '@nestjs/common';
import { AuditSealSchedulerService } from './audit-seal-scheduler.service';
import { AuditSealJob } from './audit-seal.job';

/** The audit sealer's share of WorkerModule. */
export const AUDIT_WORKER_PROVIDERS: Provider[] = [AuditSealJob, AuditSealSchedulerService];
