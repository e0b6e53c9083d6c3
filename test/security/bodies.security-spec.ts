import request from 'supertest';
import { bearer, TestApp } from '../support/test-app';
import { AttackLedger } from './attack-cases';

/** Oversized, malformed and mistyped bodies: a clear 4xx, never a 500 or a stack trace, and nothing stored. */
describe('oversized and malformed bodies', () => {
  let ctx: TestApp;
  let token: string;
  let patientId: string;
  const ledger = new AttackLedger('bodies');
  beforeAll(async () => {
    ctx = await TestApp.start();
    token = (await ctx.newClinician()).token;
    patientId = (await ctx.newPatient(token)).id;
  });
  afterAll(async () => {
    ledger.flush();
    await ctx.stop();
  });

  it('should refuse each with a 4xx in the usual error shape', async () => {
    const scores = `/api/v1/patients/${patientId}/pain-scores`;
    const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });
    const cases: Array<[string, () => request.Test, number]> = [
      ['1.5 MB JSON', () => request(ctx.http).post(scores).set(bearer(token)).set('content-type', 'application/json').send(JSON.stringify({ score: 1, recordedAt: '2026-10-01T10:00:00Z', pad: 'x'.repeat(1_500_000) })), 413],
      ['1.5 MB form on the login', () => request(ctx.http).post('/api/v1/auth/login').type('form').send(`email=${'a'.repeat(1_500_000)}`), 413],
      ['truncated JSON', () => request(ctx.http).post(scores).set(bearer(token)).set('content-type', 'application/json').send('{"score": 5, "recordedAt": '), 400],
      ['JSON array instead of object', () => request(ctx.http).post(scores).set(bearer(token)).set('content-type', 'application/json').send('[1,2,3]'), 400],
      ['score as an object', () => request(ctx.http).post(scores).set(bearer(token)).send({ score: { $gt: 0 }, recordedAt: '2026-10-01T10:00:00Z' }), 400],
      ['prototype pollution', () => request(ctx.http).post(scores).set(bearer(token)).set('content-type', 'application/json').send('{"score": 5, "recordedAt": "2026-10-01T10:00:00Z", "__proto__": {"admin": true}}'), 400],
      ['deeply nested findings', () => request(ctx.http).post(`/api/v1/patients/${patientId}/visits`).set(bearer(token)).send({ occurredAt: '2026-10-01T10:00:00Z', findings: nested(200) }), 400],
      ['text/plain body', () => request(ctx.http).post(scores).set(bearer(token)).set('content-type', 'text/plain').send('score=5'), 400],
      ['a number where a list belongs', () => request(ctx.http).post(`${scores}/bulk`).set(bearer(token)).send({ items: 5 }), 400],
      ['a 300-character idempotency key', () => request(ctx.http).post(scores).set(bearer(token)).set('Idempotency-Key', 'k'.repeat(300)).send({ score: 1, recordedAt: '2026-10-01T10:00:00Z' }), 400],
    ];
    for (const [what, send, status] of cases) {
      await ledger.attempt(what, async () => {
        const res = await send();
        expect({ what, status: res.status }).toEqual({ what, status });
        expect(Object.keys(res.body)).toEqual(expect.arrayContaining(['statusCode', 'error', 'message']));
        expect(JSON.stringify(res.body)).not.toMatch(/\bat \w+ \(|node_modules|\.ts:\d+/);
      });
    }
    const [{ n }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pain_score');
    expect(n).toBe(0);
  });
});
