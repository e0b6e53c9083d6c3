import { AnalyticsRepository, OutboxRepository, ResponseEngineRepository, TransactionRunner } from '@app/persistence';
import request from 'supertest';
import { AnalyticsRefreshJob } from '../../apps/worker/src/analytics/analytics-refresh.job';
import { RecomputePatientJob } from '../../apps/worker/src/recompute/recompute-patient.job';
import { bearer, TestApp } from '../support/test-app';

/**
 * Clinical recomputes come before analyst charts: while recomputes are pending (or scores arrived in the last few
 * seconds) a refresh tick takes one small batch of patients, and while one has waited longer than half a second only
 * a trickle. The jobs run here without a BullMQ worker, so the test decides what is pending.
 */
describe('analytics refresh under a clinical backlog', () => {
  let ctx: TestApp;
  let token: string;

  beforeAll(async () => {
    ctx = await TestApp.start({ ANALYTICS_REFRESH_MIN_AGE_MS: '0' });
    token = (await ctx.newClinician()).token;
  });
  afterAll(() => ctx.stop());

  it('should refresh a trickle per tick while a recompute lags, a small batch while one is pending or scores just arrived, and everyone once the clinical side is quiet', async () => {
    const outbox = ctx.app.get(OutboxRepository);
    const tx = ctx.app.get(TransactionRunner);
    const recompute = new RecomputePatientJob(tx, ctx.app.get(ResponseEngineRepository), outbox, ctx.config);
    const refresh = new AnalyticsRefreshJob(tx, ctx.app.get(AnalyticsRepository), outbox, ctx.config);
    const score = (patientId: string) =>
      request(ctx.http).post(`/api/v1/patients/${patientId}/pain-scores`).set(bearer(token)).send({ score: 6, recordedAt: new Date().toISOString() }).expect(201);

    // 30 patients with an attribution and no analyst facts yet.
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await ctx.newPatient(token)).id);
    await Promise.all(ids.map(score));
    await Promise.all(ids.map((patientId) => recompute.handle({ patientId, outboxId: '0' })));
    expect((await outbox.clinicalActivity()).oldestPendingMs).toBe(0);

    // A score whose recompute has waited 10 s: the clinical side is behind.
    await score(ids[0]);
    await ctx.db.query(`UPDATE outbox SET created_at = now() - interval '10 seconds' WHERE patient_id = $1 AND done_at IS NULL`, [ids[0]]);
    expect((await outbox.clinicalActivity()).oldestPendingMs).toBeGreaterThanOrEqual(10_000);
    expect(await refresh.handle()).toEqual({ refreshed: 2 });
    expect(await refresh.handle()).toEqual({ refreshed: 2 });

    // Pending but recent (the recompute is on its way): one small batch per tick. (Made recent again before each
    // tick, so a slow machine's first tick cannot age it past the lag threshold.)
    const pendingJustNow = () => ctx.db.query(`UPDATE outbox SET created_at = now() WHERE patient_id = $1 AND done_at IS NULL`, [ids[0]]);
    await pendingJustNow();
    const waited = (await outbox.clinicalActivity()).oldestPendingMs;
    expect(waited).toBeGreaterThan(0);
    expect(waited).toBeLessThan(500);
    expect(await refresh.handle()).toEqual({ refreshed: 10 });
    await pendingJustNow();
    expect(await refresh.handle()).toEqual({ refreshed: 10 });

    // Nothing pending, but a score arrived a moment ago: a steady stream has such instants between its scores, and
    // the next recompute is milliseconds away — still one small batch.
    const markAllStale = () =>
      ctx.db.query(`INSERT INTO analytics_stale (patient_id) SELECT unnest($1::uuid[]) ON CONFLICT (patient_id) DO UPDATE SET version = analytics_stale.version + 1`, [ids]);
    await recompute.handle({ patientId: ids[0], outboxId: '0' });
    await markAllStale();
    const activity = await outbox.clinicalActivity();
    expect(activity).toEqual({ oldestPendingMs: 0, sinceNewestMs: expect.any(Number) });
    expect(activity.sinceNewestMs).toBeLessThan(5_000);
    expect(await refresh.handle()).toEqual({ refreshed: 10 });

    // Quiet for a while: one tick refreshes every stale patient (all 30 marked again, as after a change to each).
    await ctx.db.query(`UPDATE outbox SET created_at = created_at - interval '10 seconds'`);
    await markAllStale();
    expect(await refresh.handle()).toEqual({ refreshed: 30 });
  });
});
