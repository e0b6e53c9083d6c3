import request from 'supertest';
import { bearer, TestApp } from '../support/test-app';

/** Every bad input answers 4xx naming the field, and leaves the database exactly as it was. */
describe('validation at the edge', () => {
  let ctx: TestApp;
  let token: string;
  let patientId: string;
  const counts = async () =>
    (await ctx.db.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM patient)::int AS patients, (SELECT count(*) FROM visit)::int AS visits,
              (SELECT count(*) FROM intervention)::int AS interventions, (SELECT count(*) FROM pain_score)::int AS scores,
              (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM audit_log WHERE action NOT LIKE '%.list' AND action NOT LIKE '%.read')::int AS writes`,
    ))[0];

  beforeAll(async () => {
    ctx = await TestApp.start();
    token = (await ctx.newClinician()).token;
    patientId = (await ctx.newPatient(token)).id;
  });
  afterAll(() => ctx.stop());

  const inFuture = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  const cases: Array<[string, string, string, () => object, RegExp, number?]> = [
    ['an unknown field', 'post', '/patients', () => ({ givenName: 'A', familyName: 'B', birthDate: '1970-01-01', timezone: 'UTC', indexKnee: 'left', smsConsent: false, ssn: '1' }), /property ssn should not exist/],
    ['a phone that is not E.164', 'post', '/patients', () => ({ givenName: 'A', familyName: 'B', birthDate: '1970-01-01', timezone: 'UTC', indexKnee: 'left', smsConsent: false, phone: '555-1234' }), /phone must be in E\.164 form/],
    ['a birth date in the future', 'post', '/patients', () => ({ givenName: 'A', familyName: 'B', birthDate: '2999-01-01', timezone: 'UTC', indexKnee: 'left', smsConsent: false }), /birthDate must be a past calendar date/],
    ['a score above 10', 'post', '/patients/:id/pain-scores', () => ({ score: 11, recordedAt: '2026-10-01T10:00:00Z' }), /score must be at most 10/],
    ['a negative score', 'post', '/patients/:id/pain-scores', () => ({ score: -1, recordedAt: '2026-10-01T10:00:00Z' }), /score must be at least 0/],
    ['a fractional score', 'post', '/patients/:id/pain-scores', () => ({ score: 6.5, recordedAt: '2026-10-01T10:00:00Z' }), /score must be a whole number from 0 to 10/],
    ['a score given as text', 'post', '/patients/:id/pain-scores', () => ({ score: '6', recordedAt: '2026-10-01T10:00:00Z' }), /score must be a whole number/],
    ['a time without an offset', 'post', '/patients/:id/pain-scores', () => ({ score: 5, recordedAt: '2026-10-01T10:00:00' }), /recordedAt must be an ISO-8601 time with an offset/],
    ['a time more than 5 minutes ahead', 'post', '/patients/:id/pain-scores', () => ({ score: 5, recordedAt: inFuture(6) }), /recordedAt is more than 5 minutes in the future/],
    ['an SMS source set by a clinician', 'post', '/patients/:id/pain-scores', () => ({ score: 5, recordedAt: '2026-10-01T10:00:00Z', source: 'sms_link' }), /source must be one of: clinic, api, import/],
    ['one bad item in a bulk upload', 'post', '/patients/:id/pain-scores/bulk', () => ({ items: [{ score: 5, recordedAt: '2026-10-01T10:00:00Z' }, { score: 12, recordedAt: '2026-10-02T10:00:00Z' }] }), /items\.1\.score must be at most 10/],
    ['a future time in a bulk upload', 'post', '/patients/:id/pain-scores/bulk', () => ({ items: [{ score: 5, recordedAt: '2026-10-01T10:00:00Z' }, { score: 5, recordedAt: inFuture(60) }] }), /items\.1\.recordedAt is more than 5 minutes in the future/],
    ['more than 5,000 scores at once', 'post', '/patients/:id/pain-scores/bulk', () => ({ items: Array.from({ length: 5001 }, (_, i) => ({ score: 5, recordedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString() })) }), /items may hold at most 5000 scores/],
    ['an unknown intervention type', 'post', '/patients/:id/interventions', () => ({ type: 'knee_massage', performedAt: '2026-10-01T10:00:00Z' }), /type must be one of: knee_anesthetic_injection, .*selective_nerve_root_block.*other/],
    ['spinal levels on a knee injection', 'post', '/patients/:id/interventions', () => ({ type: 'knee_corticosteroid_injection', performedAt: '2026-10-01T10:00:00Z', spinalLevels: ['L3-L4'] }), /spinalLevels apply only to spine procedures/],
    ['an unknown spinal level', 'post', '/patients/:id/interventions', () => ({ type: 'transforaminal_esi', performedAt: '2026-10-01T10:00:00Z', spinalLevels: ['L7-L8'] }), /spinalLevels must hold levels from/],
    ['an unknown agent', 'post', '/patients/:id/interventions', () => ({ type: 'caudal_esi', performedAt: '2026-10-01T10:00:00Z', agents: ['unicorn'] }), /agents must hold agents from: lidocaine/],
    ['a course that ends before it starts', 'post', '/patients/:id/interventions', () => ({ type: 'pt_extension_mobilization', performedAt: '2026-10-10T10:00:00Z', endedAt: '2026-10-01T10:00:00Z' }), /endedAt must not be before performedAt/],
    ['a misspelt finding', 'post', '/patients/:id/visits', () => ({ occurredAt: '2026-10-01T10:00:00Z', findings: { exam: { mcmurrey: 'present' } } }), /findings\.exam\.mcmurrey is not a known finding/],
    ['a finding that is not present/absent/not_assessed', 'post', '/patients/:id/visits', () => ({ occurredAt: '2026-10-01T10:00:00Z', findings: { location: { medial: 'yes' } } }), /findings\.location\.medial must be one of: present, absent, not_assessed/],
    ['a clinic pain of 12', 'post', '/patients/:id/visits', () => ({ occurredAt: '2026-10-01T10:00:00Z', clinicPain: 12, findings: {} }), /clinicPain must not be greater than 10/],
  ];

  it.each(cases)('should refuse %s and store nothing', async (_what, method, path, body, message) => {
    const before = await counts();
    const res = await request(ctx.http)[method as 'post'](`/api/v1${path.replace(':id', patientId)}`).set(bearer(token)).send(body());
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toMatch(/at \S+ \(|node_modules|\.ts:\d+/);
    expect(await counts()).toEqual(before);
  });

  it('should answer a malformed id with 400 naming the parameter', async () => {
    const res = await request(ctx.http).get('/api/v1/patients/not-a-uuid').set(bearer(token)).expect(400);
    expect(res.body.message).toBe('id must be a UUID');
    const nested = await request(ctx.http).post('/api/v1/patients/123/pain-scores').set(bearer(token)).send({ score: 1, recordedAt: '2026-10-01T10:00:00Z' }).expect(400);
    expect(nested.body.message).toBe('patientId must be a UUID');
  });

  it('should refuse a body over 1 MB with 413 and store nothing', async () => {
    const before = await counts();
    const res = await request(ctx.http).post(`/api/v1/patients/${patientId}/visits`).set(bearer(token)).set('content-type', 'application/json')
      .send(JSON.stringify({ occurredAt: '2026-10-01T10:00:00Z', findings: {}, note: 'x'.repeat(1_100_000) }))
      .expect(413);
    expect(res.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'The request body is larger than 1 MB.' });
    expect(await counts()).toEqual(before);
  });

  it('should refuse malformed JSON with 400 and no stack trace', async () => {
    const res = await request(ctx.http).post(`/api/v1/patients/${patientId}/pain-scores`).set(bearer(token)).set('content-type', 'application/json').send('{"score": 5,').expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'The request body is not valid JSON.' });
  });

  it('should accept a score dated up to 5 minutes ahead (clock skew)', async () => {
    await request(ctx.http).post(`/api/v1/patients/${patientId}/pain-scores`).set(bearer(token)).send({ score: 4, recordedAt: inFuture(4) }).expect(201);
  });
});
