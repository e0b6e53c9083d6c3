import request from 'supertest';
import { eventually, TestApp } from '../support/test-app';
import { SmsDiaryContext } from './sms-diary.helpers';

describe('SMS diary development tools', () => {
  let diary: SmsDiaryContext;
  beforeAll(async () => {
    diary = await SmsDiaryContext.start();
    await diary.startWorker();
  });
  afterAll(() => diary.stop());

  it('walks through a protocol in minutes: "send the next prompt now" and the outbox page with the link', async () => {
    const patient = await diary.newPatient({ timezone: 'America/New_York' });
    await diary.recordIntervention(patient.id, { type: 'transforaminal_esi', performedAt: diary.now().toISOString(), spinalLevels: ['L4-L5'] });
    for (let i = 1; i <= 3; i++) {
      await request(diary.http).post('/dev/sms/send-next').expect(303).expect('Location', '/dev/sms/outbox');
      await eventually(async () => (await diary.messagesTo(patient.phone)).length === i);
    }
    const page = await request(diary.http).get('/dev/sms/outbox').expect(200);
    const token = await diary.latestLink(patient.phone);
    expect(page.text).toContain(`<a href="https://diary.relieftrace.test/s/${token}">`);
    expect(page.text).not.toContain(patient.phone);
    // The +1 d question, its reminder, then the +3 d question.
    const sent = await diary.ctx.db.query(`SELECT kind, offset_minutes FROM sms_prompt WHERE patient_id = $1 AND status = 'sent' ORDER BY sent_at`, [patient.id]);
    expect(sent).toEqual([{ kind: 'follow_up', offset_minutes: 1440 }, { kind: 'reminder', offset_minutes: null }, { kind: 'follow_up', offset_minutes: 3 * 1440 }]);
  });

  it('does not exist with another provider', async () => {
    const ctx = await TestApp.start({ SMS_PROVIDER: 'none' });
    try {
      await request(ctx.http).get('/dev/sms/outbox').expect(404);
      await request(ctx.http).post('/dev/sms/send-next').expect(404);
    } finally {
      await ctx.stop();
    }
  });
});
