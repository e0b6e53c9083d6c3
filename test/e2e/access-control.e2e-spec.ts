import request from 'supertest';
import { bearer, TestApp } from '../support/test-app';

describe('care-team access and audit', () => {
  let ctx: TestApp;
  beforeAll(async () => (ctx = await TestApp.start()));
  afterAll(() => ctx.stop());

  it("should answer 404 for another care team's patient, exactly as for one that does not exist", async () => {
    const owner = await ctx.newClinician();
    const outsider = await ctx.newClinician();
    const { id } = await ctx.newPatient(owner.token);
    const http = request(ctx.http);
    const foreign = await http.get(`/api/v1/patients/${id}`).set(bearer(outsider.token)).expect(404);
    const missing = await http.get('/api/v1/patients/00000000-0000-4000-8000-000000000000').set(bearer(outsider.token)).expect(404);
    expect(foreign.body.message.replace(id, 'X')).toBe(missing.body.message.replace('00000000-0000-4000-8000-000000000000', 'X'));

    for (const [method, path, body] of [
      ['get', `/api/v1/patients/${id}/pain-scores`, undefined],
      ['post', `/api/v1/patients/${id}/pain-scores`, { score: 3, recordedAt: '2026-10-01T10:00:00Z' }],
      ['post', `/api/v1/patients/${id}/visits`, { occurredAt: '2026-10-01T10:00:00Z', findings: {} }],
      ['post', `/api/v1/patients/${id}/interventions`, { type: 'oral_nsaid', performedAt: '2026-10-01T10:00:00Z' }],
      ['get', `/api/v1/patients/${id}/interventions`, undefined],
    ] as const) {
      await http[method](path).set(bearer(outsider.token)).send(body).expect(404);
    }
    const list = await http.get('/api/v1/patients').set(bearer(outsider.token)).expect(200);
    expect(list.body.items).toEqual([]);
    const stored = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pain_score WHERE patient_id = $1', [id]);
    expect(stored[0].n).toBe(0);
  });

  it('should let two clinicians of one care team share its patients', async () => {
    const first = await ctx.newClinician();
    const colleague = await ctx.newClinician(first.careTeamIds);
    const { id } = await ctx.newPatient(first.token);
    await request(ctx.http).get(`/api/v1/patients/${id}`).set(bearer(colleague.token)).expect(200);
  });

  it('should give analysts and admins no identifiable patient endpoint (403)', async () => {
    const owner = await ctx.newClinician();
    const { id } = await ctx.newPatient(owner.token);
    const analyst = await ctx.newUser('analyst');
    const admin = await ctx.adminToken();
    for (const token of [analyst.token, admin]) {
      await request(ctx.http).get('/api/v1/patients').set(bearer(token)).expect(403);
      await request(ctx.http).get(`/api/v1/patients/${id}`).set(bearer(token)).expect(403);
      await request(ctx.http).get(`/api/v1/patients/${id}/pain-scores`).set(bearer(token)).expect(403);
    }
    await request(ctx.http).post('/api/v1/users').set(bearer(owner.token)).send({}).expect(403);
  });

  it('should ask for sign-in (401) without a token or with a made-up one', async () => {
    await request(ctx.http).get('/api/v1/patients').expect(401);
    await request(ctx.http).get('/api/v1/patients').set(bearer('made-up-token')).expect(401);
  });

  it('should write an audit row for every read and write of a record, without health data', async () => {
    const clinician = await ctx.newClinician();
    const { id } = await ctx.newPatient(clinician.token);
    const http = request(ctx.http);
    await http.post(`/api/v1/patients/${id}/pain-scores`).set(bearer(clinician.token)).send({ score: 9, recordedAt: '2026-10-01T10:00:00Z' }).expect(201);
    await http.get(`/api/v1/patients/${id}/pain-scores`).set(bearer(clinician.token)).expect(200);
    await http.get(`/api/v1/patients/${id}`).set(bearer(clinician.token)).expect(200);
    await http.get('/api/v1/patients').set(bearer(clinician.token)).expect(200);

    const rows = await ctx.db.query<{ action: string; actor_user_id: string; details: object }>(
      'SELECT action, actor_user_id, details FROM audit_log WHERE patient_id = $1 ORDER BY id', [id],
    );
    expect(rows.map((r) => r.action)).toEqual(['patient.create', 'pain_score.create', 'pain_score.list', 'patient.read', 'patient.list']);
    expect(new Set(rows.map((r) => r.actor_user_id))).toEqual(new Set([clinician.id]));
    expect(JSON.stringify(rows)).not.toMatch(/Rosa|Delgado|\+1415|"score"/);
  });
});
