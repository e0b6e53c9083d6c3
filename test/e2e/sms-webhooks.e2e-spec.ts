import request from 'supertest';
import twilio from 'twilio';
import { DAY, HOUR, MINUTE, PUBLIC_BASE_URL, SmsDiaryContext, TWILIO_AUTH_TOKEN } from './sms-diary.helpers';

describe('Twilio webhooks', () => {
  let diary: SmsDiaryContext;
  beforeAll(async () => {
    diary = await SmsDiaryContext.start({ CLINIC_NAME: 'Lakeside Pain Clinic' });
    await diary.startWorker();
  });
  afterAll(() => diary.stop());

  const inbound = (from: string, body: string) => diary.twilioPost('/webhooks/sms/twilio', { From: from, To: '+15005550006', Body: body, MessageSid: `SM${'0'.repeat(32)}`, AccountSid: `AC${'1'.repeat(32)}` });
  const status = (sid: string, messageStatus: string) => diary.twilioPost('/webhooks/sms/twilio/status', { MessageSid: sid, MessageStatus: messageStatus, AccountSid: `AC${'1'.repeat(32)}` });

  /** A patient whose +1 d prompt after an ESI has just been texted (daytime in New York). */
  async function patientWithOpenPrompt() {
    diary.setNow('2026-12-01T15:00:00Z');
    const patient = await diary.newPatient({ timezone: 'America/New_York' });
    await diary.recordIntervention(patient.id, { type: 'interlaminar_esi', performedAt: diary.now().toISOString() });
    diary.advance(DAY);
    const prompts = await diary.sendDue(patient.id);
    expect(prompts.filter((p) => p.status === 'sent')).toHaveLength(1);
    return patient;
  }

  describe('signatures', () => {
    it.each(['/webhooks/sms/twilio', '/webhooks/sms/twilio/status'])('rejects %s without a signature, with a wrong one, or signed for another URL', async (path) => {
      const params = { From: '+14155550000', Body: 'STOP', MessageSid: 'SM1', MessageStatus: 'delivered' };
      const missing = await request(diary.http).post(path).type('form').send(params).expect(403);
      expect(missing.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Missing or invalid X-Twilio-Signature.' });
      await request(diary.http).post(path).type('form').set('X-Twilio-Signature', 'bm90LWEtc2lnbmF0dXJl').send(params).expect(403);
      await diary.twilioPost(path, params, { token: 'some-other-accounts-token' }).expect(403);
      await diary.twilioPost(path, params, { url: `https://elsewhere.test${path}` }).expect(403);
      // A signature over other parameters does not cover these.
      const forOtherParams = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${PUBLIC_BASE_URL}${path}`, { ...params, Body: 'START' });
      await request(diary.http).post(path).type('form').set('X-Twilio-Signature', forOtherParams).send(params).expect(403);
    });

    it('changes nothing for a request with a bad signature', async () => {
      const patient = await patientWithOpenPrompt();
      await request(diary.http).post('/webhooks/sms/twilio').type('form').set('X-Twilio-Signature', 'x').send({ From: patient.phone, Body: '4' }).expect(403);
      await request(diary.http).post('/webhooks/sms/twilio').type('form').send({ From: patient.phone, Body: 'STOP' }).expect(403);
      expect(await diary.scores(patient.id)).toEqual([]);
      const [row] = await diary.ctx.db.query(`SELECT sms_opted_out_at FROM patient WHERE id = $1`, [patient.id]);
      expect(row.sms_opted_out_at).toBeNull();
    });
  });

  it('records a digit reply as an sms_reply score for the newest open prompt and thanks the patient in TwiML', async () => {
    const patient = await patientWithOpenPrompt();
    diary.advance(5 * MINUTE);
    const res = await inbound(patient.phone, ' 4 ').expect(200);
    expect(res.headers['content-type']).toMatch(/xml/);
    expect(res.text).toMatch(/<Response><Message>Thank you, your answer is saved\. Lakeside Pain Clinic<\/Message><\/Response>/);
    expect(res.text).not.toContain('4');
    const scores = await diary.scores(patient.id);
    expect(scores).toMatchObject([{ score: 4, source: 'sms_reply' }]);
    expect(Math.abs(scores[0].recorded_at.getTime() - diary.now().getTime())).toBeLessThan(2_000);
    const [prompt] = (await diary.prompts(patient.id)).filter((p) => p.status === 'sent');
    expect(prompt.answered_at).not.toBeNull();
    const audit = await diary.ctx.db.query(`SELECT actor_kind, actor_user_id FROM audit_log WHERE patient_id = $1 AND action = 'pain_score.create'`, [patient.id]);
    expect(audit).toEqual([{ actor_kind: 'patient', actor_user_id: null }]);

    // The prompt is answered now: a second digit has nothing to answer.
    const again = await inbound(patient.phone, '6').expect(200);
    expect(again.text).toContain('There is no open question right now');
    expect(await diary.scores(patient.id)).toHaveLength(1);
  });

  it('does not take a digit for an expired prompt', async () => {
    const patient = await patientWithOpenPrompt();
    diary.advance(25 * HOUR);
    const res = await inbound(patient.phone, '3').expect(200);
    expect(res.text).toContain('There is no open question right now');
    expect(await diary.scores(patient.id)).toEqual([]);
  });

  it('stops texting after STOP and resumes after START', async () => {
    const patient = await patientWithOpenPrompt();
    const sentBefore = (await diary.messagesTo(patient.phone)).length;
    const stop = await inbound(patient.phone, 'Stop').expect(200);
    expect(stop.text).toContain('You will get no more messages from Lakeside Pain Clinic');
    const [row] = await diary.ctx.db.query(`SELECT sms_opted_out_at FROM patient WHERE id = $1`, [patient.id]);
    expect(row.sms_opted_out_at).not.toBeNull();

    diary.advance(2 * DAY); // the +3 d prompt comes due
    const afterStop = await diary.sendDue(patient.id);
    expect(afterStop.find((p) => p.offset_minutes === 3 * 1440)).toMatchObject({ status: 'skipped', status_reason: 'opted out' });
    expect(await diary.messagesTo(patient.phone)).toHaveLength(sentBefore);

    const start = await inbound(patient.phone, 'START').expect(200);
    expect(start.text).toContain('You will receive messages from Lakeside Pain Clinic again');
    diary.advance(4 * DAY); // the +7 d prompt
    const afterStart = await diary.sendDue(patient.id);
    expect(afterStart.find((p) => p.offset_minutes === 7 * 1440)).toMatchObject({ status: 'sent' });
    expect(await diary.messagesTo(patient.phone)).toHaveLength(sentBefore + 1);
    const actions = await diary.ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE patient_id = $1 AND action LIKE 'patient.sms_%' ORDER BY id`, [patient.id]);
    expect(actions.map((a) => a.action)).toEqual(['patient.sms_opt_out', 'patient.sms_opt_in']);
  });

  it.each([
    ['STOPALL', 'no more messages'], ['unsubscribe', 'no more messages'], ['CANCEL', 'no more messages'], ['end', 'no more messages'], ['QUIT', 'no more messages'],
    ['UNSTOP', 'receive messages'], ['HELP', 'reply with a number from 0 (no pain) to 10'], ['how do I do this?', 'Sorry, we did not understand'],
  ])('answers %p', async (body, reply) => {
    const res = await inbound('+14155559999', body).expect(200);
    expect(res.text).toContain(reply);
  });

  it('records delivery status callbacks in any order without moving backwards', async () => {
    const patient = await patientWithOpenPrompt();
    const [prompt] = (await diary.prompts(patient.id)).filter((p) => p.status === 'sent');
    const sid = prompt.provider_message_id!;
    await status(sid, 'delivered').expect(204);
    await status(sid, 'sent').expect(204);
    await status(sid, 'queued').expect(204);
    expect((await diary.prompts(patient.id)).find((p) => p.id === prompt.id)?.delivery_status).toBe('delivered');
    await status(sid, 'read').expect(204);
    expect((await diary.prompts(patient.id)).find((p) => p.id === prompt.id)?.delivery_status).toBe('read');
    await status('SM-not-ours', 'delivered').expect(204);
    await status(sid, 'made-up-status').expect(204);
    const audit = await diary.ctx.db.query<{ details: { status: string } }>(`SELECT details FROM audit_log WHERE resource_id = $1 AND action = 'sms_prompt.delivery' ORDER BY id`, [prompt.id]);
    expect(audit.map((a) => a.details.status)).toEqual(['delivered', 'read']);
  });

  it('verifies against PUBLIC_BASE_URL, not the Host the request came in on', async () => {
    const params = { From: '+14155558888', Body: 'HELP' };
    await diary.twilioPost('/webhooks/sms/twilio', params, { url: `${PUBLIC_BASE_URL}/webhooks/sms/twilio` }).set('Host', 'internal:3000').expect(200);
  });
});
