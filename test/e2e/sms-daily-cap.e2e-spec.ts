import { HOUR, MINUTE, SmsDiaryContext } from './sms-diary.helpers';

describe('SMS daily cap per patient', () => {
  let diary: SmsDiaryContext;
  beforeAll(async () => {
    diary = await SmsDiaryContext.start({ SMS_DAILY_CAP_PER_PATIENT: '2' });
    await diary.startWorker();
  });
  afterAll(() => diary.stop());

  it('skips a prompt once the patient had 2 texts in 24 hours, records why, and sends again the next day', async () => {
    diary.setNow('2026-12-01T15:00:00Z'); // 10:00 in New York
    const patient = await diary.newPatient({ timezone: 'America/New_York' });
    await diary.recordIntervention(patient.id, { type: 'knee_anesthetic_injection', performedAt: diary.now().toISOString() });
    for (const step of [30 * MINUTE, 30 * MINUTE, 1 * HOUR]) {
      diary.advance(step);
      await diary.sendDue(patient.id);
    }
    const day1 = (await diary.prompts(patient.id)).filter((p) => p.kind === 'follow_up' && p.offset_minutes! <= 120);
    expect(day1.map((p) => [p.offset_minutes, p.status])).toEqual([[30, 'sent'], [60, 'sent'], [120, 'skipped']]);
    expect(day1[2].status_reason).toBe('daily limit of 2 texts reached');
    expect(await diary.messagesTo(patient.phone)).toHaveLength(2);

    diary.setNow('2026-12-02T16:30:00Z'); // the next day, 24 h after the first text
    await diary.sendDue(patient.id);
    expect(await diary.messagesTo(patient.phone)).toHaveLength(3);
  });
});
