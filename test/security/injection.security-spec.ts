import request from 'supertest';
import { bearer, TestApp } from '../support/test-app';
import { AttackLedger } from './attack-cases';

const PAYLOADS = [
  "Robert'); DROP TABLE patient;--",
  "' OR '1'='1",
  '1; UPDATE app_user SET role = \'admin\'',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(document.cookie)>',
  "{{constructor.constructor('alert(1)')()}}",
  '${7*7}',
  'Ünïcödé — 你好 — \u202Eevil',
];

/** Every free-text field stores the payload as text and returns it unchanged as JSON; nothing is executed. */
describe('injection payloads in every free-text field', () => {
  let ctx: TestApp;
  let token: string;
  const ledger = new AttackLedger('injection');
  beforeAll(async () => {
    ctx = await TestApp.start();
    token = (await ctx.newClinician()).token;
  });
  afterAll(async () => {
    ledger.flush();
    await ctx.stop();
  });

  it.each(PAYLOADS)('should store %j as text in names, MRN, visit and intervention notes', async (payload) => {
    const http = request(ctx.http);
    await ledger.attempt(`payload ${payload}`, async () => {
      const patient = await http.post('/api/v1/patients').set(bearer(token))
        .send({ givenName: payload, familyName: payload, mrn: payload.slice(0, 60), birthDate: '1970-01-01', timezone: 'UTC', indexKnee: 'left', smsConsent: false })
        .expect(201);
      const id = patient.body.id;
      const read = await http.get(`/api/v1/patients/${id}`).set(bearer(token)).expect(200);
      expect(read.headers['content-type']).toMatch(/^application\/json/);
      expect(read.body).toMatchObject({ givenName: payload, familyName: payload, mrn: payload.slice(0, 60) });
      await http.post(`/api/v1/patients/${id}/visits`).set(bearer(token)).send({ occurredAt: '2026-10-01T10:00:00Z', findings: {}, note: payload }).expect(201);
      await http.post(`/api/v1/patients/${id}/interventions`).set(bearer(token)).send({ type: 'other', performedAt: '2026-10-01T10:00:00Z', note: payload }).expect(201);
      expect((await http.get(`/api/v1/patients/${id}/visits`).set(bearer(token))).body.items[0].note).toBe(payload);
      expect((await http.get(`/api/v1/patients/${id}/interventions`).set(bearer(token))).body.items[0].note).toBe(payload);
      const found = await http.get('/api/v1/patients').query({ search: payload }).set(bearer(token)).expect(200);
      expect(found.body.items.map((p: { id: string }) => p.id)).toContain(id);
    });
    const [{ tables }] = await ctx.db.query<{ tables: number }>(`SELECT count(*)::int AS tables FROM pg_tables WHERE tablename IN ('patient', 'app_user')`);
    expect(tables).toBe(2);
    const [{ admins }] = await ctx.db.query<{ admins: number }>(`SELECT count(*)::int AS admins FROM app_user WHERE role = 'admin'`);
    expect(admins).toBe(1);
  });
});
