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

  /** Runs `work` while the database refuses inserts into `table` (those matching `when`, if given). */
  const whileRefusing = async (table: string, when: string, work: () => Promise<void>) => {
    await ctx.db.query(`CREATE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} refused by test'; END $$`);
    await ctx.db.query(`CREATE TRIGGER refuse_insert BEFORE INSERT ON ${table} FOR EACH ROW ${when} EXECUTE FUNCTION refuse_insert()`);
    try {
      await work();
    } finally {
      await ctx.db.query(`DROP TRIGGER refuse_insert ON ${table}`);
      await ctx.db.query('DROP FUNCTION refuse_insert()');
    }
  };

  it('should commit the score, its audit row and a recompute outbox row together', async () => {
    const { id } = await ctx.newPatient(token);
    const before = await rowsFor(id);
    await request(ctx.http).post(`/api/v1/patients/${id}/pain-scores`).set(bearer(token)).send({ score: 6, recordedAt: '2026-10-01T10:00:00Z' }).expect(201);
    expect(await rowsFor(id)).toEqual({ scores: before.scores + 1, outbox: before.outbox + 1, audit: before.audit + 1 });
  });

  it('should store neither the score nor its audit row when the outbox write fails', async () => {
    const { id } = await ctx.newPatient(token);
    const before = await rowsFor(id);
    await whileRefusing('outbox', '', async () => {
      const res = await request(ctx.http).post(`/api/v1/patients/${id}/pain-scores`).set(bearer(token)).send({ score: 6, recordedAt: '2026-10-01T10:00:00Z' });
      expect(res.status).toBe(500);
      expect(JSON.stringify(res.body)).not.toMatch(/outbox refused|stack/);
    });
    expect(await rowsFor(id)).toEqual(before);
  });

  it('should store concurrent scores from two care teams each with its own audit row, and nothing for a patient outside the team', async () => {
    const other = await ctx.newClinician();
    const mine = await Promise.all([ctx.newPatient(token), ctx.newPatient(token)]);
    const theirs = await ctx.newPatient(other.token);
    const post = (t: string, patientId: string, score: number) =>
      request(ctx.http).post(`/api/v1/patients/${patientId}/pain-scores`).set(bearer(t)).send({ score, recordedAt: `2026-10-03T10:${String(score).padStart(2, '0')}:00Z` });
    // Sent at once, so they reach the api while earlier ones are at the database and share statements.
    const sent = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => post(token, mine[i % 2].id, i % 11).then((res) => ({ res, patientId: mine[i % 2].id, score: i % 11, mine: true }))),
      ...Array.from({ length: 10 }, (_, i) => post(other.token, theirs.id, i).then((res) => ({ res, patientId: theirs.id, score: i, mine: false }))),
      ...Array.from({ length: 5 }, () => post(token, theirs.id, 7).then((res) => ({ res, patientId: theirs.id, score: 7, mine: false, intruder: true }))),
    ]);
    for (const s of sent) {
      if ('intruder' in s) {
        expect(s.res.status).toBe(404);
        continue;
      }
      expect(s.res.status).toBe(201);
      expect(s.res.body).toMatchObject({ patientId: s.patientId, score: s.score, source: 'api' });
    }
    const stored = await ctx.db.query<{ id: string; patient_id: string; score: number; entered_by: string; actor: string; resource_id: string }>(
      `SELECT s.id, s.patient_id, s.score, s.entered_by, a.actor_user_id AS actor, a.resource_id
         FROM pain_score s LEFT JOIN audit_log a ON a.resource_id = s.id::text AND a.action = 'pain_score.create'
        WHERE s.patient_id = ANY($1::uuid[])`,
      [[mine[0].id, mine[1].id, theirs.id]],
    );
    const created = sent.filter((s) => !('intruder' in s));
    expect(stored.map((r) => r.id).sort()).toEqual(created.map((s) => s.res.body.id).sort());
    const meId = (await request(ctx.http).get('/api/v1/auth/me').set(bearer(token)).expect(200)).body.id;
    for (const r of stored) expect([r.entered_by, r.actor]).toEqual(r.patient_id === theirs.id ? [other.id, other.id] : [meId, meId]);
    for (const p of [...mine, theirs]) expect((await rowsFor(p.id)).outbox).toBeGreaterThan(0);
    // Each 201 and 404 was its own request, and the audit says which.
    const requestIds = await ctx.db.query<{ n: number }>(`SELECT count(DISTINCT request_id)::int AS n FROM audit_log WHERE resource_id = ANY($1::text[])`, [stored.map((r) => r.id)]);
    expect(requestIds[0].n).toBe(created.length);
  });

  it('should fail only the score the database refuses when it shares a statement with others', async () => {
    const { id } = await ctx.newPatient(token);
    const before = await rowsFor(id);
    await whileRefusing('pain_score', 'WHEN (NEW.score = 9)', async () => {
      const results = await Promise.all(Array.from({ length: 11 }, (_, score) =>
        request(ctx.http).post(`/api/v1/patients/${id}/pain-scores`).set(bearer(token)).send({ score, recordedAt: '2026-10-04T10:00:00Z' })));
      expect(results.map((r) => r.status)).toEqual(Array.from({ length: 11 }, (_, score) => (score === 9 ? 500 : 201)));
    });
    const after = await rowsFor(id);
    expect([after.scores - before.scores, after.audit - before.audit]).toEqual([10, 10]);
    const scores = await ctx.db.query<{ score: number }>('SELECT score FROM pain_score WHERE patient_id = $1 ORDER BY score', [id]);
    expect(scores.map((r) => r.score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 10]);
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
