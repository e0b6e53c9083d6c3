import request from 'supertest';
import { bearer, PASSWORD, TestApp } from '../support/test-app';

describe('clinician flow (api.md)', () => {
  let ctx: TestApp;
  let token: string;
  beforeAll(async () => {
    ctx = await TestApp.start();
    token = (await ctx.newClinician()).token;
  });
  afterAll(() => ctx.stop());

  it('should record a patient, a visit, an intervention and scores, and read them back', async () => {
    const http = request(ctx.http);
    const patient = await http.post('/api/v1/patients').set(bearer(token))
      .send({ givenName: 'Maria', familyName: 'Hernández', birthDate: '1958-03-14', mrn: 'MRN-1', phone: '+12025550101', timezone: 'America/New_York', indexKnee: 'left', smsConsent: true })
      .expect(201);
    expect(patient.body).toMatchObject({ pseudonym: expect.stringMatching(/^P-[0-9A-Z]{6}$/), givenName: 'Maria', indexKnee: 'left', smsOptedOut: false });
    const id = patient.body.id as string;

    const visit = await http.post(`/api/v1/patients/${id}/visits`).set(bearer(token))
      .send({ occurredAt: '2026-10-01T09:00:00-04:00', clinicPain: 7, findings: { location: { medial: 'present' }, exam: { femoralNerveStretch: 'present' } }, note: 'medial knee pain' })
      .expect(201);
    expect(visit.body).toMatchObject({ clinicPain: 7, findings: { location: { medial: 'present' } }, occurredAt: '2026-10-01T13:00:00.000Z' });

    const block = await http.post(`/api/v1/patients/${id}/interventions`).set(bearer(token))
      .send({ type: 'selective_nerve_root_block', performedAt: '2026-10-05T10:00:00-04:00', laterality: 'left', spinalLevels: ['L3-L4'] })
      .expect(201);
    expect(block.body).toMatchObject({ target: 'spine', agents: ['bupivacaine'], spinalLevels: ['L3-L4'] });
    const pt = await http.post(`/api/v1/patients/${id}/interventions`).set(bearer(token))
      .send({ type: 'pt_quadriceps_strengthening', performedAt: '2026-10-10T10:00:00Z', endedAt: '2026-11-10T10:00:00Z' })
      .expect(201);
    expect(pt.body.target).toBe('knee');

    await http.post(`/api/v1/patients/${id}/pain-scores`).set(bearer(token)).send({ score: 7, recordedAt: '2026-10-04T20:00:00Z', source: 'clinic' }).expect(201);
    const bulk = await http.post(`/api/v1/patients/${id}/pain-scores/bulk`).set(bearer(token))
      .send({ items: [{ score: 6, recordedAt: '2026-10-03T20:00:00Z' }, { score: 2, recordedAt: '2026-10-05T15:00:00Z' }, { score: 3, recordedAt: '2026-10-06T20:00:00Z' }] })
      .expect(201);
    expect(bulk.body).toEqual({ inserted: 3 });

    const range = await http.get(`/api/v1/patients/${id}/pain-scores`).query({ from: '2026-10-04T00:00:00Z', to: '2026-10-05T23:59:59Z' }).set(bearer(token)).expect(200);
    expect(range.body.items.map((s: { score: number }) => s.score)).toEqual([7, 2]);
    expect(range.body.items[0]).toMatchObject({ source: 'clinic', recordedAt: '2026-10-04T20:00:00.000Z' });

    const interventions = await http.get(`/api/v1/patients/${id}/interventions`).set(bearer(token)).expect(200);
    expect(interventions.body.items.map((i: { type: string }) => i.type)).toEqual(['selective_nerve_root_block', 'pt_quadriceps_strengthening']);
    expect((await http.get(`/api/v1/patients/${id}`).set(bearer(token)).expect(200)).body.mrn).toBe('MRN-1');
    expect((await http.get(`/api/v1/patients/${id}/visits`).set(bearer(token)).expect(200)).body.items).toHaveLength(1);
  });

  it('should edit and delete visits and interventions', async () => {
    const http = request(ctx.http);
    const { id } = await ctx.newPatient(token);
    const visit = await http.post(`/api/v1/patients/${id}/visits`).set(bearer(token)).send({ occurredAt: '2026-10-01T09:00:00Z', findings: {} }).expect(201);
    const edited = await http.patch(`/api/v1/patients/${id}/visits/${visit.body.id}`).set(bearer(token)).send({ clinicPain: 4, note: 'corrected' }).expect(200);
    expect(edited.body).toMatchObject({ clinicPain: 4, note: 'corrected' });
    await http.delete(`/api/v1/patients/${id}/visits/${visit.body.id}`).set(bearer(token)).expect(204);
    expect((await http.get(`/api/v1/patients/${id}/visits`).set(bearer(token))).body.items).toEqual([]);

    const esi = await http.post(`/api/v1/patients/${id}/interventions`).set(bearer(token)).send({ type: 'transforaminal_esi', performedAt: '2026-10-02T09:00:00Z', spinalLevels: ['L4-L5'] }).expect(201);
    const moved = await http.patch(`/api/v1/patients/${id}/interventions/${esi.body.id}`).set(bearer(token)).send({ performedAt: '2026-10-03T09:00:00Z', spinalLevels: ['L3-L4'] }).expect(200);
    expect(moved.body).toMatchObject({ performedAt: '2026-10-03T09:00:00.000Z', spinalLevels: ['L3-L4'], type: 'transforaminal_esi' });
    await http.delete(`/api/v1/patients/${id}/interventions/${esi.body.id}`).set(bearer(token)).expect(204);
    await http.get(`/api/v1/patients/${id}/interventions/${esi.body.id}`).set(bearer(token)).expect(404);
  });

  it('should find patients by name, MRN or pseudonym, a page at a time', async () => {
    const clinician = await ctx.newClinician();
    const http = request(ctx.http);
    const a = await ctx.newPatient(clinician.token, { givenName: 'Ana', familyName: 'Zeller', mrn: 'Z-100' });
    await ctx.newPatient(clinician.token, { givenName: 'Ben', familyName: 'Young', mrn: 'Y-200' });
    await ctx.newPatient(clinician.token, { givenName: 'Cleo', familyName: 'Xu', mrn: 'X-300' });

    const byName = await http.get('/api/v1/patients').query({ search: 'zell' }).set(bearer(clinician.token)).expect(200);
    expect(byName.body.items.map((p: { id: string }) => p.id)).toEqual([a.id]);
    expect((await http.get('/api/v1/patients').query({ search: 'Y-200' }).set(bearer(clinician.token))).body.items[0].familyName).toBe('Young');
    expect((await http.get('/api/v1/patients').query({ search: a.pseudonym }).set(bearer(clinician.token))).body.items[0].id).toBe(a.id);

    const first = await http.get('/api/v1/patients').query({ limit: 2 }).set(bearer(clinician.token)).expect(200);
    expect(first.body.items.map((p: { familyName: string }) => p.familyName)).toEqual(['Xu', 'Young']);
    const second = await http.get('/api/v1/patients').query({ limit: 2, cursor: first.body.nextCursor }).set(bearer(clinician.token)).expect(200);
    expect(second.body.items.map((p: { familyName: string }) => p.familyName)).toEqual(['Zeller']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('should list the intervention catalogue with targets and windows', async () => {
    const res = await request(ctx.http).get('/api/v1/intervention-types').set(bearer(token)).expect(200);
    expect(res.body.items).toHaveLength(17);
    expect(res.body.items.find((t: { type: string }) => t.type === 'caudal_esi')).toMatchObject({ target: 'spine' });
    expect(res.body.items.find((t: { type: string }) => t.type === 'knee_anesthetic_injection').windows[0]).toMatchObject({ phase: 'anaesthetic' });
  });

  it('should sign in with a cookie too, and sign out for good', async () => {
    const agent = request.agent(ctx.http);
    const clinician = await ctx.newClinician();
    const login = await agent.post('/api/v1/auth/login').send({ email: clinician.email, password: PASSWORD }).expect(200);
    expect(String(login.headers['set-cookie'])).toMatch(/rt_session=[^;]+;.*HttpOnly.*SameSite=Strict/i);
    await agent.get('/api/v1/patients').expect(200);
    const csrf = /rt_csrf=([^;]+)/.exec(String(login.headers['set-cookie']))![1];
    await agent.post('/api/v1/patients').send({}).expect(403); // a cookie alone cannot write: CSRF header missing
    await agent.post('/api/v1/auth/logout').set('x-csrf-token', csrf).expect(204);
    await request(ctx.http).get('/api/v1/patients').set(bearer(login.body.accessToken)).expect(401);
  });

  it('should refuse a wrong password with 401 and the same message as an unknown e-mail', async () => {
    const wrong = await request(ctx.http).post('/api/v1/auth/login').send({ email: 'admin@test.example', password: 'nope-nope-nope' }).expect(401);
    const unknown = await request(ctx.http).post('/api/v1/auth/login').send({ email: 'ghost@test.example', password: 'nope-nope-nope' }).expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });
});
