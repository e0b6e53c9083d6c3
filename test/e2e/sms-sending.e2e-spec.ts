import type { INestApplicationContext } from '@nestjs/common';
import { type OutboundSms, SmsProvider, SmsSendError } from '@app/sms';
import request from 'supertest';
import { SmsDispatchDueJob } from '../../apps/worker/src/sms/sms-dispatch-due.job';
import { SmsSendPromptJob } from '../../apps/worker/src/sms/sms-send-prompt.job';
import { eventually } from '../support/test-app';
import { DAY, HOUR, MINUTE, PUBLIC_BASE_URL, SmsDiaryContext, tokenOf } from './sms-diary.helpers';

describe('SMS sending', () => {
  let diary: SmsDiaryContext;
  let workers: INestApplicationContext[];
  beforeAll(async () => {
    diary = await SmsDiaryContext.start();
    workers = [await diary.startWorker(), await diary.startWorker()]; // two schedulers, competing for the same rows
  });
  afterAll(() => diary.stop());
  afterEach(() => jest.restoreAllMocks());

  /** Makes the providers of all workers fail in turn with the given errors, then behave again. */
  function providersFail(...errors: SmsSendError[]): void {
    const queue = [...errors];
    for (const worker of workers) {
      const provider = worker.get(SmsProvider);
      const send = provider.send.bind(provider);
      jest.spyOn(provider, 'send').mockImplementation(async (message: OutboundSms) => {
        const error = queue.shift();
        if (error) throw error;
        return send(message);
      });
    }
  }

  async function patientWithInjection(type = 'knee_anesthetic_injection') {
    diary.setNow('2026-12-01T15:00:00Z'); // 10:00 in New York
    const patient = await diary.newPatient({ timezone: 'America/New_York' });
    await diary.recordIntervention(patient.id, { type, performedAt: diary.now().toISOString() });
    return patient;
  }

  it('sends each due prompt exactly once with two schedulers running, with a text that carries no health information', async () => {
    const patients = await Promise.all(Array.from({ length: 6 }, () => patientWithInjection()));
    diary.advance(30 * MINUTE);
    const ticks = workers.flatMap((w) => [w.get(SmsDispatchDueJob), w.get(SmsDispatchDueJob)]).map((job) => job.handle());
    await Promise.all(ticks);
    for (const patient of patients) {
      const prompts = await diary.settled(patient.id);
      expect(prompts.filter((p) => p.status === 'sent').map((p) => [p.offset_minutes, p.attempts])).toEqual([[30, 1]]);
      const messages = await diary.messagesTo(patient.phone);
      expect(messages).toHaveLength(1);
      expect(messages[0].body).toMatch(new RegExp(`^How is your knee pain right now\\? Tap: ${PUBLIC_BASE_URL.replace(/\./g, '\\.')}/s/[A-Za-z0-9_-]{43} — reply STOP to opt out$`));
      for (const secret of ['Rosa', 'Delgado', 'injection', 'lidocaine']) expect(messages[0].body).not.toContain(secret);
    }
  });

  it('stores only the hash of the link token', async () => {
    const patient = await patientWithInjection();
    diary.advance(30 * MINUTE);
    await diary.sendDue(patient.id);
    const token = await diary.latestLink(patient.phone);
    const rows = await diary.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sms_prompt WHERE token_hash = sha256(convert_to($1, 'UTF8'))`, [token]);
    expect(rows[0].n).toBe(1);
    const raw = await diary.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sms_prompt WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'`, [token.slice(0, 20)]);
    expect(raw[0].n).toBe(0);
  });

  it('sends due prompts from the BullMQ job scheduler on its own', async () => {
    const patient = await patientWithInjection('caudal_esi');
    diary.advance(DAY);
    await eventually(async () => (await diary.messagesTo(patient.phone)).length === 1);
    expect((await diary.settled(patient.id)).filter((p) => p.status === 'sent')).toHaveLength(1);
  });

  it('retries a transient provider failure with backoff and sends once', async () => {
    const patient = await patientWithInjection();
    providersFail(new SmsSendError('transient', '503'));
    diary.advance(30 * MINUTE);
    const prompts = await diary.sendDue(patient.id);
    expect(prompts[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await diary.messagesTo(patient.phone)).toHaveLength(1);
  });

  it('gives up on a permanent failure, and marks an ambiguous one unknown rather than risk a duplicate', async () => {
    const permanent = await patientWithInjection();
    providersFail(new SmsSendError('permanent', '21211'));
    diary.advance(30 * MINUTE);
    expect((await diary.sendDue(permanent.id))[0]).toMatchObject({ status: 'failed', attempts: 1, status_reason: 'permanent: 21211' });

    const ambiguous = await patientWithInjection();
    providersFail(new SmsSendError('ambiguous', 'ETIMEDOUT'));
    diary.advance(30 * MINUTE);
    expect((await diary.sendDue(ambiguous.id))[0]).toMatchObject({ status: 'unknown', attempts: 1, status_reason: 'ambiguous: ETIMEDOUT' });
    expect(await diary.messagesTo(ambiguous.phone)).toHaveLength(0);
  });

  it('never re-sends a prompt a crashed worker left in sending: it becomes unknown, with a reason', async () => {
    const patient = await patientWithInjection();
    const [prompt] = await diary.prompts(patient.id);
    // The state a worker leaves when it dies between claiming and recording the provider's answer.
    await diary.ctx.db.query(`UPDATE sms_prompt SET status = 'sending', sending_at = due_at, attempts = 1 WHERE id = $1`, [prompt.id]);
    diary.advance(30 * MINUTE);
    expect(await workers[0].get(SmsSendPromptJob).handle({ promptId: prompt.id, dueAtMs: prompt.due_at.getTime() })).toEqual({ outcome: 'nothing_to_do' });
    diary.advance(3 * MINUTE); // past SMS_SENDING_TIMEOUT_MS (2 min)
    const prompts = await diary.sendDue(patient.id);
    expect(prompts.find((p) => p.id === prompt.id)).toMatchObject({ status: 'unknown', status_reason: 'interrupted while sending; not re-sent to avoid a duplicate' });
    expect(await diary.messagesTo(patient.phone)).toHaveLength(0);
  });

  it('skips prompts overtaken by a later one instead of texting several at once', async () => {
    const patient = await patientWithInjection();
    diary.advance(2 * HOUR + 5 * MINUTE);
    const prompts = await diary.sendDue(patient.id);
    expect(prompts.slice(0, 3).map((p) => [p.offset_minutes, p.status])).toEqual([[30, 'skipped'], [60, 'skipped'], [120, 'sent']]);
    expect(await diary.messagesTo(patient.phone)).toHaveLength(1);
  });

  it('reminds once about an unanswered prompt, and the reminder\'s link answers the same question', async () => {
    const patient = await patientWithInjection('transforaminal_esi');
    diary.advance(DAY);
    const [first] = (await diary.sendDue(patient.id)).filter((p) => p.status === 'sent');
    const reminder = (await diary.prompts(patient.id)).find((p) => p.kind === 'reminder')!;
    expect(reminder).toMatchObject({ reminder_of: first.id, status: 'pending' });
    expect(Math.abs(reminder.due_at.getTime() - first.due_at.getTime() - 2 * HOUR)).toBeLessThan(10_000);

    diary.advance(2 * HOUR);
    await diary.sendDue(patient.id);
    const messages = await diary.messagesTo(patient.phone);
    expect(messages).toHaveLength(2);
    expect(messages[1].body).toMatch(/^Reminder: how is your knee pain right now\? Tap: /);
    const reminderToken = tokenOf(messages[1].body);
    expect(reminderToken).not.toBe(tokenOf(messages[0].body));

    await request(diary.http).post(`/s/${reminderToken}`).type('form').send({ score: '2' }).expect(200);
    expect((await diary.prompts(patient.id)).find((p) => p.id === first.id)?.answered_at).not.toBeNull();
    const used = await request(diary.http).get(`/s/${tokenOf(messages[0].body)}`).expect(200);
    expect(used.text).toContain('already been answered');
    expect((await diary.scores(patient.id)).map((s) => s.score)).toEqual([2]);
  });

  it('does not remind about an answered prompt', async () => {
    const patient = await patientWithInjection('transforaminal_esi');
    diary.advance(DAY);
    await diary.sendDue(patient.id);
    await request(diary.http).post(`/s/${await diary.latestLink(patient.phone)}`).type('form').send({ score: '5' }).expect(200);
    diary.advance(2 * HOUR);
    const prompts = await diary.sendDue(patient.id);
    expect(prompts.find((p) => p.kind === 'reminder')).toMatchObject({ status: 'skipped', status_reason: 'answered' });
    expect(await diary.messagesTo(patient.phone)).toHaveLength(1);
  });
});
