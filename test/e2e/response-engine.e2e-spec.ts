import type { INestApplicationContext } from '@nestjs/common';
import { evaluatePatient } from '@app/domain';
import { OutboxRepository, ResponseEngineRepository, TransactionRunner } from '@app/persistence';
import request from 'supertest';
import { RecomputePatientJob } from '../../apps/worker/src/recompute/recompute-patient.job';

import { bearer, eventually, startWorker, TestApp } from '../support/test-app';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A patient whose knee block did nothing and whose L3/L4 nerve-root block took the pain away for hours. */
function spineStory(start: number) {
  const scores: Array<{ score: number; recordedAt: string }> = [];
  const at = (t: number) => new Date(start + t).toISOString();
  const daily = [7, 8, 7, 6, 7, 8, 7, 7, 6, 7, 8, 7, 7, 7];
  for (let d = 0; d < 40; d++) scores.push({ score: daily[d % daily.length], recordedAt: at(d * DAY + 19 * HOUR) });
  for (const [h, s] of [[0.5, 7], [1, 7], [2, 6], [4, 7]] as const) scores.push({ score: s, recordedAt: at(14 * DAY + 9 * HOUR + h * HOUR) });
  for (const [h, s] of [[0.5, 1], [1, 1], [2, 2], [4, 1]] as const) scores.push({ score: s, recordedAt: at(28 * DAY + 9 * HOUR + h * HOUR) });
  return {
    scores,
    kneeBlock: { type: 'knee_anesthetic_injection', performedAt: at(14 * DAY + 9 * HOUR), laterality: 'left' },
    rootBlock: { type: 'selective_nerve_root_block', performedAt: at(28 * DAY + 9 * HOUR), laterality: 'left', spinalLevels: ['L3-L4'] },
    at,
  };
}

describe('response engine through the worker', () => {
  let ctx: TestApp;
  let token: string;
  const workers: INestApplicationContext[] = [];
  const start = Date.now() - 45 * DAY;

  beforeAll(async () => {
    ctx = await TestApp.start();
    token = (await ctx.newClinician()).token;
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
  });
  afterAll(() => ctx.stop());

  const api = () => request(ctx.http);
  const attribution = async (patientId: string) => (await api().get(`/api/v1/patients/${patientId}/attribution`).set(bearer(token)).expect(200)).body;
  const response = async (patientId: string, interventionId: string) =>
    (await api().get(`/api/v1/patients/${patientId}/interventions/${interventionId}/response`).set(bearer(token)).expect(200)).body;
  const freshAttribution = (patientId: string) => eventually(async () => {
    const body = await attribution(patientId);
    return body.fresh ? body : null;
  });
  const recordStory = async () => {
    const { id } = await ctx.newPatient(token);
    const story = spineStory(start);
    await api().post(`/api/v1/patients/${id}/pain-scores/bulk`).set(bearer(token)).send({ items: story.scores }).expect(201);
    const knee = (await api().post(`/api/v1/patients/${id}/interventions`).set(bearer(token)).send(story.kneeBlock).expect(201)).body;
    const root = (await api().post(`/api/v1/patients/${id}/interventions`).set(bearer(token)).send(story.rootBlock).expect(201)).body;
    return { id, knee, root, story };
  };

  it('should report fresh: false while a recompute is pending and true once the worker has run', async () => {
    const { id } = await recordStory();
    const before = await attribution(id);
    expect(before.fresh).toBe(false);

    workers.push(await startWorker(ctx.config));
    const after = await freshAttribution(id);
    expect(after).toMatchObject({ status: 'computed', fresh: true, inputs: { scores: 48, interventions: 2 } });
    expect(Date.parse(after.computedAt)).toBeGreaterThanOrEqual(Date.parse(after.inputsUpTo));
    expect(after.algorithmVersion).toEqual(expect.any(String));
    // The worker's write is audited like any other, with counts only.
    const audited = await ctx.db.query<{ actor_kind: string; details: Record<string, unknown> }>(
      `SELECT actor_kind, details FROM audit_log WHERE patient_id = $1 AND action = 'attribution.recompute' ORDER BY id DESC LIMIT 1`,
      [id],
    );
    expect(audited).toEqual([{ actor_kind: 'worker', details: { watermark: expect.any(String), scores: 48, interventions: 2 } }]);
  });

  it('should classify as spine when the nerve-root block gives 85 % relief and the knee block none', async () => {
    workers.push(await startWorker(ctx.config));
    const { id, knee, root } = await recordStory();
    const result = await freshAttribution(id);
    expect(result.classification).toBe('spine');
    expect(result.probability).toBeGreaterThan(0.5);
    expect(result.spine.status).toBe('responded');
    expect(result.evidence.map((e: { interventionId: string }) => e.interventionId).sort()).toEqual([knee.id, root.id].sort());

    expect(await response(id, root.id)).toMatchObject({ category: 'strongly_positive', target: 'spine', fresh: true });
    expect(await response(id, knee.id)).toMatchObject({ category: 'negative', target: 'knee' });
  });

  it("should change an earlier window's assessment when late scores dated inside it arrive", async () => {
    workers.push(await startWorker(ctx.config));
    const { id, knee, story } = await recordStory();
    await freshAttribution(id);
    const before = await response(id, knee.id);
    const anaesthetic = (r: { windows: Array<{ phase: string; n: number; median: number }> }) => r.windows.find((w) => w.phase === 'anaesthetic')!;
    expect(anaesthetic(before)).toMatchObject({ n: 4, median: 7 });

    const late = [3, 3.5, 5].map((h) => ({ score: 1, recordedAt: story.at(14 * DAY + 9 * HOUR + h * HOUR) }));
    await api().post(`/api/v1/patients/${id}/pain-scores/bulk`).set(bearer(token)).send({ items: late }).expect(201);
    await freshAttribution(id);
    const after = await response(id, knee.id);
    expect(anaesthetic(after).n).toBe(7);
    expect(anaesthetic(after).median).toBeLessThan(7);
  });

  it('should remove the assessment of a deleted intervention', async () => {
    workers.push(await startWorker(ctx.config));
    const { id, knee, root } = await recordStory();
    await freshAttribution(id);
    await api().delete(`/api/v1/patients/${id}/interventions/${knee.id}`).set(bearer(token)).expect(204);
    const result = await freshAttribution(id);
    expect(result.evidence.map((e: { interventionId: string }) => e.interventionId)).toEqual([root.id]);
    expect(await ctx.db.query('SELECT * FROM response_assessment WHERE intervention_id = $1', [knee.id])).toEqual([]);
    await api().get(`/api/v1/patients/${id}/interventions/${knee.id}/response`).set(bearer(token)).expect(404);
  });

  it('should re-enqueue a recompute whose job vanished from Redis (the sweeper)', async () => {
    const { id } = await recordStory();
    // As if the relay had enqueued these rows and Redis then lost the jobs.
    await ctx.db.query(`UPDATE outbox SET enqueued_at = now() - interval '1 hour' WHERE patient_id = $1`, [id]);
    workers.push(await startWorker(ctx.config, { OUTBOX_SWEEP_AFTER_MS: '200', OUTBOX_SWEEP_INTERVAL_MS: '200' }));
    expect((await freshAttribution(id)).status).toBe('computed');
  });

  it('should cover a score that arrives while the patient\'s recompute is running, without waiting for the sweeper', async () => {
    // The sweeper is pushed out of reach: freshness must come from the relay and the job alone.
    workers.push(await startWorker(ctx.config, { OUTBOX_SWEEP_AFTER_MS: '3600000', OUTBOX_SWEEP_INTERVAL_MS: '600000' }));
    const { id } = await recordStory();
    for (let i = 0; i < 40; i++) {
      await api().post(`/api/v1/patients/${id}/pain-scores`).set(bearer(token)).send({ score: i % 11, recordedAt: new Date(Date.now() - i * 60_000).toISOString() }).expect(201);
      await new Promise((r) => setTimeout(r, 15));
    }
    const result = await eventually(async () => {
      const body = await attribution(id);
      return body.fresh ? body : null;
    }, 5_000);
    expect(result.inputs.scores).toBe(48 + 40);
  });

  it('should give one consistent result when two workers run at once', async () => {
    workers.push(await startWorker(ctx.config), await startWorker(ctx.config));
    const patients = await Promise.all(Array.from({ length: 6 }, () => recordStory()));
    // Interleave more writes while both workers are busy.
    await Promise.all(patients.flatMap(({ id }) => [0, 1, 2].map((i) =>
      api().post(`/api/v1/patients/${id}/pain-scores`).set(bearer(token)).send({ score: 5 + i, recordedAt: new Date(Date.now() - i * HOUR).toISOString() }).expect(201))));
    const engine = ctx.app.get(ResponseEngineRepository);
    for (const { id } of patients) {
      const stored = await freshAttribution(id);
      const inputs = await ctx.app.get(TransactionRunner).run((tx) => engine.loadInputs(tx, id));
      const expected = evaluatePatient(inputs!.evidence).attribution;
      expect(stored.classification).toBe(expected.classification);
      expect(stored.probability).toBeCloseTo(expected.probability, 10);
      expect(stored.inputs.scores).toBe(51);
    }
    const [{ pending }] = await ctx.db.query<{ pending: number }>('SELECT count(*)::int AS pending FROM outbox WHERE done_at IS NULL');
    expect(pending).toBe(0);
  });

  it('should recompute the patients of jobs running together in one transaction, each as alone, and keep a refusal to its patient', async () => {
    const patients = await Promise.all(Array.from({ length: 5 }, () => recordStory()));
    const ids = patients.map((p) => p.id);
    // The job without a BullMQ worker around it, so these calls are the only recomputes.
    const engine = ctx.app.get(ResponseEngineRepository);
    const job = new RecomputePatientJob(ctx.app.get(TransactionRunner), engine, ctx.app.get(OutboxRepository), ctx.config);
    const runTogether = () => Promise.allSettled(ids.map((patientId) => job.handle({ patientId, outboxId: '0' })));
    const doneTimes = async () =>
      (await ctx.db.query<{ t: string }>(`SELECT DISTINCT done_at::text AS t FROM outbox WHERE patient_id = ANY($1::uuid[]) AND done_at IS NOT NULL`, [ids])).map((r) => r.t);

    // The database refuses one patient's attribution: the batch fails, and each patient is retried on its own.
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    await ctx.db.query(`ALTER TABLE attribution ADD CONSTRAINT refuse_one_patient CHECK (patient_id <> '${ids[0]}') NOT VALID`);
    try {
      const first = await runTogether();
      expect(first[0].status).toBe('rejected');
      expect(first.slice(1)).toEqual(ids.slice(1).map(() => ({ status: 'fulfilled', value: { rounds: 1 } })));
    } finally {
      await ctx.db.query(`ALTER TABLE attribution DROP CONSTRAINT refuse_one_patient`);
    }
    expect((await attribution(ids[0])).fresh).toBe(false);

    // A new score each, then all at once: one transaction (one done_at) covers every patient.
    const before = await doneTimes();
    await Promise.all(ids.map((id) => api().post(`/api/v1/patients/${id}/pain-scores`).set(bearer(token)).send({ score: 3, recordedAt: new Date().toISOString() }).expect(201)));
    const second = await runTogether();
    expect(second).toEqual(ids.map(() => ({ status: 'fulfilled', value: { rounds: 1 } })));
    expect((await doneTimes()).filter((t) => !before.includes(t))).toHaveLength(1);
    for (const id of ids) {
      const stored = await attribution(id);
      const inputs = await ctx.app.get(TransactionRunner).run((tx) => engine.loadInputs(tx, id));
      const expected = evaluatePatient(inputs!.evidence).attribution;
      expect(stored.fresh).toBe(true);
      expect(stored.classification).toBe(expected.classification);
      expect(stored.probability).toBeCloseTo(expected.probability, 10);
      expect(stored.inputs.scores).toBe(49);
    }
    // Nothing pending: a second run finds nothing to do for anyone.
    expect(await runTogether()).toEqual(ids.map(() => ({ status: 'fulfilled', value: { rounds: 0 } })));
  });
});
