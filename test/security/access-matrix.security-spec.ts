import request from 'supertest';
import { bearer, TestApp } from '../support/test-app';
import { AttackLedger } from './attack-cases';

type Role = 'anonymous' | 'clinician' | 'otherClinician' | 'analyst' | 'admin';
/** 'empty': reads succeed but show nothing of other teams; writes are the caller's own. */
type Expect = 'allowed' | 401 | 403 | 404 | 'empty';

/**
 * Who may call what, for every endpoint the OpenAPI document lists. A new endpoint that matches no rule
 * fails the suite until someone decides its row.
 */
const RULES: Array<{ match: RegExp; matrix: Record<Role, Expect> }> = [
  { match: /^\/api\/v1\/auth\/login$/, matrix: { anonymous: 'allowed', clinician: 'allowed', otherClinician: 'allowed', analyst: 'allowed', admin: 'allowed' } },
  { match: /^\/api\/v1\/(auth\/(me|logout)|intervention-types)$/, matrix: { anonymous: 401, clinician: 'allowed', otherClinician: 'allowed', analyst: 'allowed', admin: 'allowed' } },
  { match: /^\/api\/v1\/patients$/, matrix: { anonymous: 401, clinician: 'allowed', otherClinician: 'empty', analyst: 403, admin: 403 } },
  { match: /^\/api\/v1\/patients\/\{[a-zA-Z]+\}/, matrix: { anonymous: 401, clinician: 'allowed', otherClinician: 404, analyst: 403, admin: 403 } },
  { match: /^\/api\/v1\/(users|care-teams|audit)/, matrix: { anonymous: 401, clinician: 403, otherClinician: 403, analyst: 403, admin: 'allowed' } },
  // Dead-lettered jobs: admins only; retrying a job that does not exist (the placeholder ids) answers 404.
  { match: /^\/api\/v1\/admin\/jobs\/failed$/, matrix: { anonymous: 401, clinician: 403, otherClinician: 403, analyst: 403, admin: 'allowed' } },
  { match: /^\/api\/v1\/admin\/jobs\/\{queue\}\/\{jobId\}\/retry$/, matrix: { anonymous: 401, clinician: 403, otherClinician: 403, analyst: 403, admin: 404 } },
  { match: /^\/api\/v1\/(analytics|exports)\//, matrix: { anonymous: 401, clinician: 403, otherClinician: 403, analyst: 'allowed', admin: 403 } },
  { match: /^\/health\//, matrix: { anonymous: 'allowed', clinician: 'allowed', otherClinician: 'allowed', analyst: 'allowed', admin: 'allowed' } },
];

/** Valid bodies, so a refusal is the access check speaking and not the validator. */
const BODIES: Array<[RegExp, object]> = [
  [/\/visits(\/\{visitId\})?$/, { occurredAt: '2026-10-02T10:00:00Z', findings: {} }],
  [/\/interventions$/, { type: 'oral_nsaid', performedAt: '2026-10-02T10:00:00Z' }],
  [/\/interventions\/\{interventionId\}$/, { note: 'changed' }],
  [/\/pain-scores$/, { score: 4, recordedAt: '2026-10-02T10:00:00Z' }],
  [/\/pain-scores\/bulk$/, { items: [{ score: 4, recordedAt: '2026-10-02T10:00:00Z' }] }],
  [/\/pain-scores\/import$/, { csv: 'recordedAt,score\n2026-10-02T10:00:00Z,4\n', dryRun: true }],
];

describe('access control matrix (every endpoint × every role)', () => {
  let ctx: TestApp;
  const ledger = new AttackLedger('access matrix');
  const tokens = {} as Record<Role, string | null>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await TestApp.start();
    const owner = await ctx.newClinician();
    const other = await ctx.newClinician();
    Object.assign(tokens, { anonymous: null, clinician: owner.token, otherClinician: other.token, analyst: (await ctx.newUser('analyst')).token, admin: await ctx.adminToken() });
    const http = request(ctx.http);
    const patient = await ctx.newPatient(owner.token);
    ids.patientId = ids.id = patient.id;
    ids.interventionId = (await http.post(`/api/v1/patients/${patient.id}/interventions`).set(bearer(owner.token)).send({ type: 'caudal_esi', performedAt: '2026-10-01T10:00:00Z' })).body.id;
    ids.visitId = (await http.post(`/api/v1/patients/${patient.id}/visits`).set(bearer(owner.token)).send({ occurredAt: '2026-10-01T10:00:00Z', findings: {} })).body.id;
    ids.careTeamId = owner.careTeamIds[0];
  });
  afterAll(async () => {
    ledger.flush();
    await ctx.stop();
  });

  it('should classify every documented endpoint and enforce its row for every role', async () => {
    const doc = (await request(ctx.http).get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const endpoints = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method })));
    expect(endpoints.length).toBeGreaterThan(20);
    const unclassified = endpoints.filter((e) => !RULES.some((r) => r.match.test(e.path)));
    expect(unclassified).toEqual([]);

    for (const { path, method } of endpoints) {
      const rule = RULES.find((r) => r.match.test(path))!;
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? '00000000-0000-4000-8000-000000000000');
      for (const role of Object.keys(rule.matrix) as Role[]) {
        const expected = rule.matrix[role];
        if (expected === 'allowed' && (method === 'delete' || path.endsWith('/logout'))) continue; // would destroy the fixtures
        if (expected === 'allowed' && role === 'anonymous' && path.endsWith('/login')) continue;
        const call = () => {
          const req = request(ctx.http)[method as 'get'](url);
          if (tokens[role]) req.set(bearer(tokens[role]!));
          return method === 'get' ? req : req.send(BODIES.find(([m]) => m.test(path))?.[1] ?? {});
        };
        const check = async () => {
          const res = await call();
          const where = `${method.toUpperCase()} ${path} as ${role}`;
          if (expected === 'allowed') expect({ where, status: [401, 403, 404].includes(res.status) ? res.status : 'ok' }).toEqual({ where, status: 'ok' });
          else if (expected === 'empty' && method !== 'get') expect({ where, status: [401, 403, 404].includes(res.status) ? res.status : 'ok' }).toEqual({ where, status: 'ok' });
          else if (expected === 'empty') expect({ where, status: res.status, items: res.body.items }).toEqual({ where, status: 200, items: [] });
          else expect({ where, status: res.status }).toEqual({ where, status: expected });
        };
        if (expected === 'allowed') await check();
        else await ledger.attempt(`${method} ${path} as ${role}`, check);
      }
    }
    // The denied deletes above left everything in place.
    await request(ctx.http).get(`/api/v1/patients/${ids.patientId}/interventions/${ids.interventionId}`).set(bearer(tokens.clinician!)).expect(200);
  });
});
