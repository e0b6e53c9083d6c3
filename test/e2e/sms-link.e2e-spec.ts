import { randomBytes, randomInt } from 'node:crypto';
import request from 'supertest';
import { MINUTE, SmsDiaryContext } from './sms-diary.helpers';

const CLINIC = 'Knee & Spine <Clinic>';

describe('SMS survey links', () => {
  let diary: SmsDiaryContext;
  beforeAll(async () => {
    diary = await SmsDiaryContext.start({ CLINIC_NAME: CLINIC });
    await diary.startWorker();
  });
  afterAll(() => diary.stop());

  /** Each request from an address of its own, so the per-IP limit only bites in the test about it. */
  const someIp = () => `198.51.100.${randomInt(1, 254)}`;
  const open = (token: string, ip = someIp()) => request(diary.http).get(`/s/${token}`).set('X-Forwarded-For', ip);
  const answer = (token: string, score: string | number, ip = someIp()) =>
    request(diary.http).post(`/s/${token}`).set('X-Forwarded-For', ip).type('form').send({ score: String(score) });

  /** A patient whose +30 min prompt after a diagnostic injection has just been texted. */
  async function sentLink() {
    diary.setNow('2026-12-01T15:00:00Z'); // 10:00 in New York
    const patient = await diary.newPatient({ timezone: 'America/New_York' });
    await diary.recordIntervention(patient.id, { type: 'knee_anesthetic_injection', performedAt: diary.now().toISOString() });
    diary.advance(30 * MINUTE);
    const prompts = await diary.sendDue(patient.id);
    expect(prompts[0]).toMatchObject({ status: 'sent', offset_minutes: 30 });
    return { ...patient, token: await diary.latestLink(patient.phone), prompt: prompts[0] };
  }

  it('shows the form on GET and never consumes the link, however often it is opened', async () => {
    const { id, token } = await sentLink();
    for (let i = 0; i < 3; i++) {
      const page = await open(token).expect(200);
      expect(page.text).toContain('How is your knee pain right now?');
      expect(page.text).toMatch(/<button type="submit" name="score" value="0"[^>]*>.*No pain/);
      expect(page.text).toMatch(/value="10"[^>]*>.*Worst pain imaginable/);
    }
    expect(await diary.scores(id)).toEqual([]);
    await answer(token, 3).expect(200);
    expect((await diary.scores(id)).map((s) => s.score)).toEqual([3]);
  });

  it('counts a sent question as unanswered in the patient list until the patient answers it', async () => {
    const { id, token } = await sentLink();
    const unanswered = async () => {
      const list = await request(diary.http).get('/api/v1/patients').set('authorization', `Bearer ${await diary.token()}`).expect(200);
      return list.body.items.find((p: { id: string }) => p.id === id).summary.unansweredPrompts;
    };
    expect(await unanswered()).toBe(1);
    await answer(token, 4).expect(200);
    expect(await unanswered()).toBe(0);
  });

  it('stores the answer as sms_link at the moment of answering, with its audit and outbox rows', async () => {
    const { id, token, prompt } = await sentLink();
    diary.advance(4 * MINUTE);
    const answeredAt = diary.now();
    const res = await answer(token, 7).expect(200);
    expect(res.text).toContain('Thank you');
    const [score] = await diary.scores(id);
    expect(score).toMatchObject({ score: 7, source: 'sms_link' });
    expect(Math.abs(score.recorded_at.getTime() - answeredAt.getTime())).toBeLessThan(2_000);
    const audit = await diary.ctx.db.query(`SELECT actor_user_id, actor_kind, resource_id, details FROM audit_log WHERE patient_id = $1 AND action = 'pain_score.create'`, [id]);
    expect(audit).toEqual([{ actor_user_id: null, actor_kind: 'patient', resource_id: score.id, details: { source: 'sms_link', promptId: prompt.id } }]);
    const outbox = await diary.ctx.db.query(`SELECT count(*)::int AS n FROM outbox WHERE patient_id = $1 AND created_at >= now() - interval '1 minute'`, [id]);
    expect(outbox[0].n).toBeGreaterThanOrEqual(1);
  });

  it('stores one score when a link is answered twice, the second tap within 15 minutes replacing the first', async () => {
    const { id, token } = await sentLink();
    await Promise.all([answer(token, 4), answer(token, 4)]);
    expect(await diary.scores(id)).toHaveLength(1);
    diary.advance(10 * MINUTE);
    const res = await answer(token, 6).expect(200);
    expect(res.text).toContain('You chose <strong>6</strong>');
    expect((await diary.scores(id)).map((s) => s.score)).toEqual([6]);
    const actions = await diary.ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE patient_id = $1 AND action LIKE 'pain_score.%' ORDER BY id`, [id]);
    expect(actions.map((a) => a.action).slice(-1)).toEqual(['pain_score.correct']);
  });

  it('refuses a change after the 15-minute correction window and keeps the first answer', async () => {
    const { id, token } = await sentLink();
    await answer(token, 5).expect(200);
    diary.advance(16 * MINUTE);
    const res = await answer(token, 9).expect(200);
    expect(res.text).toContain('already been answered');
    expect((await diary.scores(id)).map((s) => s.score)).toEqual([5]);
    expect((await open(token).expect(200)).text).toContain('already been answered');
  });

  it('says a link has expired once the next prompt is due, and stores nothing', async () => {
    const { id, token, prompt } = await sentLink();
    expect(prompt.expires_at!.getTime() - prompt.due_at.getTime()).toBe(30 * MINUTE); // the +1 h prompt is next
    diary.advance(31 * MINUTE);
    expect((await open(token).expect(410)).text).toContain('This link has expired');
    expect((await answer(token, 2).expect(410)).text).toContain('This link has expired');
    expect(await diary.scores(id)).toEqual([]);
  });

  it('answers an unknown or malformed link with a friendly page that reveals nothing', async () => {
    const { phone } = await sentLink();
    for (const token of [randomBytes(32).toString('base64url'), 'short', `${'A'.repeat(43)}`]) {
      const res = await open(token).expect(404);
      expect(res.text).toContain('This link is not valid');
      expect(res.headers['content-type']).toMatch(/text\/html/);
    }
    const res = await answer(randomBytes(32).toString('base64url'), 3).expect(404);
    for (const secret of ['Rosa', 'Delgado', phone, 'P-']) expect(res.text).not.toContain(secret);
  });

  it('serves a small, strict, escaped page that names the clinic and never the patient', async () => {
    const { token, phone } = await sentLink();
    const res = await open(token).expect(200);
    expect(Buffer.byteLength(res.text)).toBeLessThan(20 * 1024);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/script-src/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.text).toContain('Knee &#38; Spine &#60;Clinic&#62;');
    expect(res.text).not.toContain(CLINIC);
    expect(res.text).not.toMatch(/<script|https?:\/\/(?!diary\.relieftrace\.test)/);
    for (const secret of ['Rosa', 'Delgado', phone]) expect(res.text).not.toContain(secret);
  });

  it('re-asks with a message when the posted score is not 0–10', async () => {
    const { id, token } = await sentLink();
    const res = await answer(token, 11).expect(400);
    expect(res.text).toContain('Please tap one of the numbers from 0 to 10');
    expect(await diary.scores(id)).toEqual([]);
  });

  it('limits attempts per IP address', async () => {
    const ip = '203.0.113.77';
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await open(randomBytes(32).toString('base64url'), ip)).status);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    const limited = await open(randomBytes(32).toString('base64url'), ip).expect(429);
    expect(limited.text).toContain('Too many attempts');
    await open(randomBytes(32).toString('base64url'), '203.0.113.78').expect(404);
  });
});
