import { DeadLetters, JobQueue } from '@app/jobs';
import { JobsAdminController } from './jobs-admin.controller';

/** Dead-lettered jobs' share of AppModule (admin view and retry); the api's own BullMQ producer reads them. */
export const JOBS_ADMIN_CONTROLLERS = [JobsAdminController];
export const JOBS_ADMIN_PROVIDERS = [JobQueue, DeadLetters];
