import request from 'supertest';
import { bearer, TestApp } from '../support/test-app';

describe('pain score writes', () => {
  let ctx: TestApp;
  let token: string;
  beforeAll(async () => {
    ctx = await TestApp.start();
    token = (await ctx.newClinician()).token;
  });
  afterAll(() => ctx.stop());

  const rowsFor = async (patientId: string) =>
    (await ctx.db.query<{ scores: number; outbox: number; audit: number }>(
      `SELECT (SELECT count(*) FROM pain_score WHERE patient_id = $1)::int AS scores,
              (SELECT count(*) FROM outbox WHERE patient_id = $1 AND kind = 'recompute')::int AS outbox,
              (SELECT count(*) FROM audit_log WHERE patient_id = $1 AND action = 'pain_score.create')::int AS audit`,
      [patientId],
    ))[0];

  it('should commit the score, its audit row and a recompute outbox row together', async () => {
    const { id } = await ctx.newPatient(token);
    const before = await rowsFor(id);
    await request(ctx.http).post(`/api/v1/patients/${id}/pain-scores`).set(bearer(token)).send({ score: 6, recordedAt: '2026-10-01T10:00:00Z' }).expect(201);
    expect(await rowsFor(id)).toEqual({ scores: before.scores + 1, outbox: before.outbox + 1, audit: before.audit + 1 });
  });

  it('should store neither the score nor its audit row when the outbox write fails', async () => {
    const { id } = await ctx.newPatient(token);
    const before = await rowsFor(id);
    await ctx.db.query(`CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox refused by test'; END $$`);
    await ctx.db.query('CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_outbox()');
    try {
      const res = await request(ctx.http).post(`/api/v1/patients/${id}/pain-scores`).set(bearer(token)).send({ score: 6, recordedAt: '2026-10-01T10:00:00Z' });
      expect(res.status).toBe(500);
      expect(JSON.stringify(res.body)).not.toMatch(/outbox refused|stack/);
    } finally {
      await ctx.db.query('DROP TRIGGER refuse_outbox ON outbox');
      await ctx.db.query('DROP FUNCTION refuse_outbox()');
    }
    expect(await rowsFor(id)).toEqual(before);
  });

  it('should return the first result to a retry with the same Idempotency-Key and store one row', async () => {
    const { id } = await ctx.newPatient(token);
    const send = () =>
      request(ctx.http).post(`/api/v1/patients/${id}/pain-scores`).set(bearer(token)).set('Idempotency-Key', 'retry-abc-1').send({ score: 4, recordedAt: '2026-10-02T10:00:00Z' });
    const first = await send().expect(201);
    const retries = await Promise.all([send(), send(), send()]);
    for (const retry of retries) {
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
    }
    expect((await rowsFor(id)).scores).toBe(1);
  });

  it('should refuse the same Idempotency-Key for a different score', async () => {
    const { id } = await ctx.newPatient(token);
    const post = (score: number) =>
      request(ctx.http).post(`/api/v1/patients/${id}/pain-scores`).set(bearer(token)).set('Idempotency-Key', 'k-2').send({ score, recordedAt: '2026-10-02T10:00:00Z' });
    await post(4).expect(201);
    const res = await post(5).expect(422);
    expect(res.body.message).toMatch(/Idempotency-Key was already used for a different request/);
    expect((await rowsFor(id)).scores).toBe(1);
  });

  it('should store a 5,000-score import in one request', async () => {
    const { id } = await ctx.newPatient(token);
    const items = Array.from({ length: 5000 }, (_, i) => ({ score: i % 11, recordedAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(), source: 'import' }));
    const res = await request(ctx.http).post(`/api/v1/patients/${id}/pain-scores/bulk`).set(bearer(token)).send({ items }).expect(201);
    expect(res.body).toEqual({ inserted: 5000 });
    expect((await rowsFor(id)).scores).toBe(5000);
  });
});
