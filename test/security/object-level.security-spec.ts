import request from 'supertest';
import { bearer, TestApp } from '../support/test-app';
import { AttackLedger } from './attack-cases';

describe('object-level attacks: foreign ids in path and body', () => {
  let ctx: TestApp;
  const ledger = new AttackLedger('object-level');
  let mine: { token: string; careTeamIds: string[] };
  let theirs: { token: string; careTeamIds: string[] };
  let myPatient: string;
  let theirPatient: string;
  let theirIntervention: string;
  let theirVisit: string;

  beforeAll(async () => {
    ctx = await TestApp.start();
    mine = await ctx.newClinician();
    theirs = await ctx.newClinician();
    myPatient = (await ctx.newPatient(mine.token)).id;
    theirPatient = (await ctx.newPatient(theirs.token)).id;
    theirIntervention = (await request(ctx.http).post(`/api/v1/patients/${theirPatient}/interventions`).set(bearer(theirs.token)).send({ type: 'knee_prp', performedAt: '2026-10-01T10:00:00Z' })).body.id;
    theirVisit = (await request(ctx.http).post(`/api/v1/patients/${theirPatient}/visits`).set(bearer(theirs.token)).send({ occurredAt: '2026-10-01T10:00:00Z', findings: {}, note: 'private' })).body.id;
  });
  afterAll(async () => {
    ledger.flush();
    await ctx.stop();
  });

  const rows = async () =>
    (await ctx.db.query<{ n: string }>(
      `SELECT md5((SELECT coalesce(string_agg(t::text, ',' ORDER BY t.id), '') FROM intervention t) || (SELECT coalesce(string_agg(v::text, ',' ORDER BY v.id), '') FROM visit v)) AS n`,
    ))[0].n;

  it("should refuse to touch another team's records through my own patient's path or theirs", async () => {
    const before = await rows();
    const http = () => request(ctx.http);
    const cases: Array<[string, () => request.Test, number]> = [
      ['attach an intervention to their patient', () => http().post(`/api/v1/patients/${theirPatient}/interventions`).set(bearer(mine.token)).send({ type: 'oral_nsaid', performedAt: '2026-10-02T10:00:00Z' }), 404],
      ['read their intervention through my patient', () => http().get(`/api/v1/patients/${myPatient}/interventions/${theirIntervention}`).set(bearer(mine.token)), 404],
      ['edit their intervention through my patient', () => http().patch(`/api/v1/patients/${myPatient}/interventions/${theirIntervention}`).set(bearer(mine.token)).send({ note: 'x' }), 404],
      ['delete their intervention through my patient', () => http().delete(`/api/v1/patients/${myPatient}/interventions/${theirIntervention}`).set(bearer(mine.token)), 404],
      ['edit their visit through my patient', () => http().patch(`/api/v1/patients/${myPatient}/visits/${theirVisit}`).set(bearer(mine.token)).send({ note: 'x' }), 404],
      ['delete their visit through my patient', () => http().delete(`/api/v1/patients/${myPatient}/visits/${theirVisit}`).set(bearer(mine.token)), 404],
      ['read the response of their intervention', () => http().get(`/api/v1/patients/${myPatient}/interventions/${theirIntervention}/response`).set(bearer(mine.token)), 404],
      ['create a patient in their care team', () => http().post('/api/v1/patients').set(bearer(mine.token)).send({ givenName: 'A', familyName: 'B', birthDate: '1970-01-01', timezone: 'UTC', indexKnee: 'left', smsConsent: false, careTeamId: theirs.careTeamIds[0] }), 403],
      ['import scores into their patient', () => http().post(`/api/v1/patients/${theirPatient}/pain-scores/import`).set(bearer(mine.token)).send({ csv: 'recordedAt,score\n2026-10-01T10:00:00Z,5\n', dryRun: false }), 404],
      ['add myself to their care team (not an admin)', () => http().post(`/api/v1/care-teams/${theirs.careTeamIds[0]}/members`).set(bearer(mine.token)).send({ userId: '00000000-0000-4000-8000-000000000000' }), 403],
    ];
    for (const [what, attack, status] of cases) {
      await ledger.attempt(what, async () => {
        const res = await attack();
        expect({ what, status: res.status }).toEqual({ what, status });
      });
    }
    expect(await rows()).toBe(before);
    const [{ n }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM patient');
    expect(n).toBe(2);
  });
});
