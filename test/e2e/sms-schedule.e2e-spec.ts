import request from 'supertest';
import { bearer } from '../support/test-app';
import { DAY, HOUR, SmsDiaryContext } from './sms-diary.helpers';

describe('SMS diary schedule', () => {
  let diary: SmsDiaryContext;
  beforeAll(async () => {
    diary = await SmsDiaryContext.start();
  });
  afterAll(() => diary.stop());

  const plan = async (patientId: string) =>
    (await diary.prompts(patientId)).filter((p) => p.status !== 'cancelled').map((p) => [p.kind, p.offset_minutes, p.due_at.toISOString(), p.time_critical]);

  it('plans a diagnostic knee injection in the patient\'s time zone, with only the time-critical prompts inside quiet hours', async () => {
    diary.setNow('2026-03-10T19:00:00Z');
    const { id } = await diary.newPatient({ timezone: 'America/New_York' });
    // 16:00 in New York (EDT): +6 h is 22:00 — quiet hours, but within 6 h of a diagnostic injection.
    await diary.recordIntervention(id, { type: 'knee_anesthetic_injection', performedAt: '2026-03-10T16:00:00-04:00', laterality: 'left' });
    expect(await plan(id)).toEqual([
      ['follow_up', 30, '2026-03-10T20:30:00.000Z', true],
      ['follow_up', 60, '2026-03-10T21:00:00.000Z', true],
      ['follow_up', 120, '2026-03-10T22:00:00.000Z', true],
      ['follow_up', 240, '2026-03-11T00:00:00.000Z', true],
      ['follow_up', 360, '2026-03-11T02:00:00.000Z', true],
      ['follow_up', 1440, '2026-03-11T20:00:00.000Z', false],
      ['follow_up', 3 * 1440, '2026-03-13T20:00:00.000Z', false],
      ['follow_up', 7 * 1440, '2026-03-17T20:00:00.000Z', false],
      ['follow_up', 14 * 1440, '2026-03-24T20:00:00.000Z', false],
      ['follow_up', 28 * 1440, '2026-04-07T20:00:00.000Z', false],
    ]);
  });

  it('moves prompts that are not time-critical out of the night in the patient\'s own zone', async () => {
    diary.setNow('2026-03-10T10:00:00Z');
    const { id } = await diary.newPatient({ timezone: 'Europe/Berlin' });
    // 20:30 in Berlin (CET): the +2 h prompt of a steroid injection would be 22:30 → 08:00 next morning (07:00Z);
    // the day prompts at 20:30 stay where they are.
    await diary.recordIntervention(id, { type: 'knee_corticosteroid_injection', performedAt: '2026-03-10T20:30:00+01:00' });
    const rows = await plan(id);
    expect(rows[0]).toEqual(['follow_up', 120, '2026-03-11T07:00:00.000Z', false]);
    expect(rows[1]).toEqual(['follow_up', 1440, '2026-03-11T19:30:00.000Z', false]);
    for (const [, , dueAt] of rows) {
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: 'numeric', hourCycle: 'h23' }).format(new Date(dueAt as string)));
      expect(hour >= 8 && hour < 21).toBe(true);
    }
  });

  it('asks daily baseline questions before an intervention booked ahead', async () => {
    diary.setNow('2026-03-16T15:00:00Z');
    const { id } = await diary.newPatient({ timezone: 'America/New_York' });
    await diary.recordIntervention(id, { type: 'transforaminal_esi', performedAt: '2026-03-20T10:00:00-04:00', spinalLevels: ['L3-L4'] });
    const baseline = (await diary.prompts(id)).filter((p) => p.kind === 'baseline');
    expect(baseline.map((p) => p.due_at.toISOString())).toEqual(['2026-03-17T14:00:00.000Z', '2026-03-18T14:00:00.000Z', '2026-03-19T14:00:00.000Z']);
    const followUps = (await diary.prompts(id)).filter((p) => p.kind === 'follow_up').map((p) => p.offset_minutes! / 1440);
    expect(followUps).toEqual([1, 3, 7, 14, 21, 28, 42]);
  });

  it.each([
    ['without SMS consent', { smsConsent: false }],
    ['without a phone', { phone: undefined }],
  ])('plans nothing for a patient %s', async (_, overrides) => {
    diary.setNow('2026-03-10T12:00:00Z');
    const { id } = await diary.newPatient(overrides);
    await diary.recordIntervention(id, { type: 'knee_anesthetic_injection', performedAt: '2026-03-10T12:00:00Z' });
    expect(await diary.prompts(id)).toEqual([]);
  });

  it('moves the unsent prompts when the intervention is moved, in the same transaction as the edit', async () => {
    diary.setNow('2026-03-10T12:00:00Z');
    const { id } = await diary.newPatient({ timezone: 'America/New_York' });
    const interventionId = await diary.recordIntervention(id, { type: 'caudal_esi', performedAt: '2026-03-10T11:00:00-04:00' });
    const before = await diary.prompts(id);
    await request(diary.http)
      .patch(`/api/v1/patients/${id}/interventions/${interventionId}`)
      .set(bearer(await diary.token()))
      .send({ performedAt: '2026-03-11T11:00:00-04:00' })
      .expect(200);
    const after = (await diary.prompts(id)).filter((p) => p.status !== 'cancelled');
    const followUps = after.filter((p) => p.kind === 'follow_up');
    expect(followUps.map((p) => p.id)).toEqual(before.map((p) => p.id));
    expect(followUps.map((p) => p.due_at.getTime() - DAY)).toEqual(before.map((p) => p.due_at.getTime()));
    // Now booked a day ahead, it also gets a baseline question for the day before.
    expect(after.filter((p) => p.kind === 'baseline').map((p) => p.due_at.toISOString())).toEqual(['2026-03-10T15:00:00.000Z']);
    const audit = await diary.ctx.db.query<{ details: { moved: number } }>(`SELECT details FROM audit_log WHERE patient_id = $1 AND action = 'sms_prompt.schedule' ORDER BY id`, [id]);
    expect(audit.at(-1)?.details.moved).toBe(7);
  });

  it('cancels the unsent prompts when the intervention is deleted', async () => {
    diary.setNow('2026-03-10T12:00:00Z');
    const { id } = await diary.newPatient();
    const interventionId = await diary.recordIntervention(id, { type: 'oral_nsaid', performedAt: '2026-03-10T12:00:00Z' });
    expect((await diary.prompts(id)).length).toBeGreaterThan(0);
    await request(diary.http).delete(`/api/v1/patients/${id}/interventions/${interventionId}`).set(bearer(await diary.token())).expect(204);
    const rows = await diary.prompts(id);
    expect(rows.every((p) => p.status === 'cancelled')).toBe(true);
  });

  it('drops the prompts a late entry has already missed', async () => {
    diary.setNow('2026-03-10T23:30:00Z');
    const { id } = await diary.newPatient({ timezone: 'America/New_York' });
    await diary.recordIntervention(id, { type: 'knee_anesthetic_injection', performedAt: new Date(Date.parse('2026-03-10T23:30:00Z') - 3 * HOUR).toISOString() });
    expect((await diary.prompts(id))[0].offset_minutes).toBe(240);
  });
});
