import type { INestApplicationContext } from '@nestjs/common';
import { getJobOptions, JobName, JobQueue, QueueName } from '@app/jobs';
import { Worker } from 'bullmq';
import request from 'supertest';
import { bearer, eventually, startWorker, TestApp } from '../support/test-app';
import { REDIS_URL } from '../support/test-env';

describe('dead-lettered jobs (admin)', () => {
  let ctx: TestApp;
  let admin: string;
  let worker: INestApplicationContext | undefined;
  beforeAll(async () => {
    ctx = await TestApp.start();
    admin = await ctx.adminToken();
  });
  afterAll(async () => {
    await worker?.close();
    await ctx.stop();
  });

  /** A recompute job that fails its only attempt, as one would after exhausting its retries. */
  async function deadLetter(patientId: string, outboxId: string): Promise<string> {
    const item = { name: JobName.RecomputePatient, data: { patientId, outboxId } } as const;
    const queue = ctx.app.get(JobQueue).queueOf(QueueName.Recompute);
    const job = await queue.add(item.name, item.data, { ...getJobOptions(item), deduplication: undefined, attempts: 1 });
    const failing = new Worker(QueueName.Recompute, async () => {
      throw new Error('invalid input syntax for type uuid: "7 of 10"\nat somewhere');
    }, { connection: { url: REDIS_URL }, prefix: ctx.config.BULLMQ_PREFIX });
    await eventually(async () => (await job.getState()) === 'failed' || (await queue.getJobState(job.id!)) === 'failed');
    await failing.close();
    return job.id!;
  }

  it('is for admins only', async () => {
    const clinician = await ctx.newClinician();
    const analyst = await ctx.newUser('analyst');
    await request(ctx.http).get('/api/v1/admin/jobs/failed').expect(401);
    for (const token of [clinician.token, analyst.token]) {
      await request(ctx.http).get('/api/v1/admin/jobs/failed').set(bearer(token)).expect(403);
      await request(ctx.http).post('/api/v1/admin/jobs/recompute/outbox-1/retry').set(bearer(token)).expect(403);
    }
  });

  it('lists a job that failed all its attempts with ids only, and a retry puts it back in its queue to run', async () => {
    const patientId = '6f1c1a52-3c55-4c1e-9d6c-0a9f1f3b2d10';
    const jobId = await deadLetter(patientId, '424242');

    const list = await request(ctx.http).get('/api/v1/admin/jobs/failed').set(bearer(admin)).expect(200);
    const entry = list.body.items.find((j: { jobId: string }) => j.jobId === jobId);
    expect(entry).toMatchObject({ queue: 'recompute', name: 'recompute-patient', attemptsMade: 1, ids: { patientId, outboxId: '424242' } });
    expect(entry.failedReason).toBe('invalid input syntax for type uuid: "…"');
    expect(Object.keys(entry).sort()).toEqual(['attemptsMade', 'failedAt', 'failedReason', 'ids', 'jobId', 'name', 'queue', 'queuedAt']);

    const retried = await request(ctx.http).post(`/api/v1/admin/jobs/recompute/${jobId}/retry`).set(bearer(admin)).expect(202);
    expect(retried.body).toEqual({ queue: 'recompute', jobId, status: 'queued' });
    const queue = ctx.app.get(JobQueue).queueOf(QueueName.Recompute);
    expect(['waiting', 'prioritized']).toContain(await queue.getJobState(jobId));
    const after = await request(ctx.http).get('/api/v1/admin/jobs/failed').set(bearer(admin)).expect(200);
    expect(after.body.items.map((j: { jobId: string }) => j.jobId)).not.toContain(jobId);
    // Only a failed job can be retried: a second click finds it queued.
    await request(ctx.http).post(`/api/v1/admin/jobs/recompute/${jobId}/retry`).set(bearer(admin)).expect(409);

    // The real worker picks it up and runs it (nothing pending for this patient, so it completes at once).
    worker = await startWorker(ctx.config);
    await eventually(async () => (await queue.getJobState(jobId)) === 'completed');

    const audit = await ctx.db.query<{ action: string; resource_id: string }>(`SELECT action, resource_id FROM audit_log WHERE action = 'job.retry'`);
    expect(audit).toEqual([{ action: 'job.retry', resource_id: `recompute/${jobId}` }]);
  });

  it('answers 404 for an unknown queue or job', async () => {
    await request(ctx.http).post('/api/v1/admin/jobs/no-such-queue/outbox-1/retry').set(bearer(admin)).expect(404);
    await request(ctx.http).post('/api/v1/admin/jobs/recompute/outbox-does-not-exist/retry').set(bearer(admin)).expect(404);
  });
});
