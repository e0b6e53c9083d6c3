export * from './job-options';
export * from './job-queue';
export * from './job.types';
export * from './redis.module';
export * from './dead-letters';
