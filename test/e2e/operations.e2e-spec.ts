import request from 'supertest';
import { bearer, TestApp } from '../support/test-app';

describe('operations surface', () => {
  let ctx: TestApp;
  beforeAll(async () => (ctx = await TestApp.start()));
  afterAll(() => ctx.stop());

  it('should report live and ready when Postgres and Redis answer', async () => {
    await request(ctx.http).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(ctx.http).get('/health/ready').expect(200);
    expect(ready.body.info).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('should serve an OpenAPI document generated from the code, and its UI', async () => {
    const doc = await request(ctx.http).get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/auth/login', '/api/v1/patients', '/api/v1/patients/{patientId}/pain-scores', '/api/v1/patients/{patientId}/pain-scores/bulk', '/api/v1/intervention-types', '/api/v1/users']) {
      expect(doc.body.paths).toHaveProperty([path]);
    }
    expect(doc.body.components.schemas.CreatePainScoreDto.properties.score).toMatchObject({ minimum: 0, maximum: 10 });
    const ui = await request(ctx.http).get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('should send security headers and no x-powered-by', async () => {
    const res = await request(ctx.http).get('/health/live');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('should answer an unknown path with the same error shape', async () => {
    const res = await request(ctx.http).get('/api/v1/nothing-here').expect(404);
    expect(Object.keys(res.body).sort()).toEqual(['error', 'message', 'statusCode']);
  });

  it("should answer with the caller's well-formed X-Request-Id, or a fresh one, and audit a read under that id", async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect((await request(ctx.http).get('/health/live').set('X-Request-Id', 'proxy-7f3a').expect(200)).headers['x-request-id']).toBe('proxy-7f3a');
    expect((await request(ctx.http).get('/health/live').set('X-Request-Id', 'not an id!').expect(200)).headers['x-request-id']).toMatch(uuid);
    const fresh = (await request(ctx.http).get('/api/v1/nothing-here').expect(404)).headers['x-request-id'];
    expect(fresh).toMatch(uuid);

    const { token } = await ctx.newClinician();
    const { id } = await ctx.newPatient(token);
    const read = await request(ctx.http).get(`/api/v1/patients/${id}`).set(bearer(token)).set('X-Request-Id', 'trace-read-1').expect(200);
    expect(read.headers['x-request-id']).toBe('trace-read-1');
    const rows = await ctx.db.query<{ request_id: string }>(`SELECT request_id FROM audit_log WHERE patient_id = $1 AND action = 'patient.read'`, [id]);
    expect(rows.map((r) => r.request_id)).toEqual(['trace-read-1']);
  });
});
