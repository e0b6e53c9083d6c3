import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { AnalyticsRepository } from '@app/persistence';
import { AnalyticsRefreshJob } from '../../apps/worker/src/analytics/analytics-refresh.job';
import { bearer, eventually, startWorker, TestApp } from '../support/test-app';

const DAY = 86_400_000;

/**
 * Under a steady stream of scores every recompute would also rewrite the patient's analyst facts; with the
 * production interval a patient's facts are rewritten at most once per ANALYTICS_REFRESH_MIN_AGE_MS.
 */
describe('analytics refresh interval', () => {
  let ctx: TestApp;
  let worker: INestApplicationContext;
  let token: string;

  beforeAll(async () => {
    ctx = await TestApp.start({ ANALYTICS_REFRESH_MIN_AGE_MS: '60000' });
    worker = await startWorker(ctx.config);
    token = (await ctx.newClinician()).token;
  });
  afterAll(async () => {
    await worker.close();
    await ctx.stop();
  });

  const facts = async (patientId: string) =>
    (await ctx.db.query<{ facts: Date | null; attribution: Date }>(
      `SELECT ap.source_computed_at AS facts, a.computed_at AS attribution FROM attribution a LEFT JOIN analytics_patient ap USING (patient_id) WHERE a.patient_id = $1`,
      [patientId],
    ))[0];
  const settledRecompute = (patientId: string) =>
    eventually(async () => (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE patient_id = $1 AND done_at IS NULL`, [patientId]))[0].n === 0);
  const postScore = (patientId: string, score: number, daysAgo: number) =>
    request(ctx.http).post(`/api/v1/patients/${patientId}/pain-scores`).set(bearer(token)).send({ score, recordedAt: new Date(Date.now() - daysAgo * DAY).toISOString() }).expect(201);

  const ageFacts = (patientId: string) =>
    ctx.db.query(`UPDATE analytics_patient SET refreshed_at = refreshed_at - interval '2 minutes' WHERE patient_id = $1`, [patientId]);
  const factsMatchAttribution = (patientId: string) =>
    eventually(async () => {
      const row = await facts(patientId);
      return row.facts?.getTime() === row.attribution.getTime() ? row : null;
    });

  it('should write a new patient at once, then hold a changed patient until the interval has passed', async () => {
    const { id } = await ctx.newPatient(token);
    await postScore(id, 7, 3);
    await settledRecompute(id);
    // New patients are not held back (well within the 60 s interval).
    const written = await eventually(async () => ((await facts(id))?.facts ? facts(id) : null));
    // Written before the patient's last recompute: let the interval pass so they catch up, as they would in 60 s.
    if (written.facts?.getTime() !== written.attribution.getTime()) await ageFacts(id);
    const first = await factsMatchAttribution(id);

    await postScore(id, 4, 1);
    await settledRecompute(id);
    const changed = await facts(id);
    expect(changed.attribution.getTime()).toBeGreaterThan(first.attribution.getTime());
    // A tick now (the scheduler's, or this one) leaves the facts as they were: they are seconds old.
    await worker.get(AnalyticsRefreshJob).handle();
    expect((await facts(id)).facts?.getTime()).toBe(first.attribution.getTime());

    // Once the facts are older than the interval, the next tick rewrites them from the newest attribution.
    await ageFacts(id);
    await factsMatchAttribution(id);
  });

  it('should keep a patient marked when the record changes after the refresh read the mark', async () => {
    const analytics = worker.get(AnalyticsRepository);
    const markOf = async (patientId: string) =>
      (await ctx.db.query<{ version: string }>(`SELECT version::text FROM analytics_stale WHERE patient_id = $1`, [patientId]))[0]?.version ?? null;
    const { id } = await ctx.newPatient(token);
    await postScore(id, 6, 3);
    await settledRecompute(id);
    await eventually(async () => (await facts(id))?.facts ?? null);
    // A change after the facts were written marks the patient (the trigger on attribution).
    await postScore(id, 5, 2);
    await settledRecompute(id);
    const read = (await analytics.stalePatients(10_000, 0)).find((m) => m.patientId === id);
    expect(read).toBeDefined();
    expect(await analytics.staleCount()).toBeGreaterThanOrEqual(1);
    // Another change lands while that refresh is under way: clearing the mark it read must not clear this one.
    await postScore(id, 4, 1);
    await settledRecompute(id);
    await analytics.clearStale([read!]);
    const after = await markOf(id);
    expect(after).not.toBeNull();
    expect(BigInt(after!)).toBeGreaterThan(BigInt(read!.version));
    // The next refresh, with the mark as it now stands, brings the facts up to date and clears it.
    await ageFacts(id);
    await factsMatchAttribution(id);
    await eventually(async () => ((await markOf(id)) === null ? true : null));
  });
});
