import { Clock } from '@app/config';
import type { INestApplicationContext } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import twilio from 'twilio';
import { SmsDispatchDueJob } from '../../apps/worker/src/sms/sms-dispatch-due.job';
import { bearer, eventually, PASSWORD, startWorker, TestApp } from '../support/test-app';

export const TWILIO_AUTH_TOKEN = 'twilio-test-auth-token-0123456789';
export const PUBLIC_BASE_URL = 'https://diary.relieftrace.test';

export interface PromptRow {
  id: string;
  kind: string;
  offset_minutes: number | null;
  due_at: Date;
  time_critical: boolean;
  status: string;
  status_reason: string | null;
  attempts: number;
  expires_at: Date | null;
  answered_at: Date | null;
  provider_message_id: string | null;
  delivery_status: string | null;
  reminder_of: string | null;
  intervention_id: string | null;
}

/**
 * The api plus any number of workers on one database and BullMQ prefix, with one notion of "now" that the test
 * moves: every process's Clock is advanced together.
 */
export class SmsDiaryContext {
  readonly workers: INestApplicationContext[] = [];
  private clinicianEmail = '';

  private constructor(readonly ctx: TestApp) {}

  static async start(env: Record<string, string> = {}): Promise<SmsDiaryContext> {
    const ctx = await TestApp.start({ TWILIO_AUTH_TOKEN, PUBLIC_BASE_URL, SMS_DISPATCH_INTERVAL_MS: '250', ...env });
    const diary = new SmsDiaryContext(ctx);
    diary.clinicianEmail = (await ctx.newClinician()).email;
    return diary;
  }

  get http() {
    return this.ctx.http;
  }

  /** Sessions age with the clock, so every call signs in afresh after the test moved time. */
  token(): Promise<string> {
    return this.ctx.login(this.clinicianEmail, PASSWORD);
  }

  async startWorker(): Promise<INestApplicationContext> {
    const worker = await startWorker(this.ctx.config);
    worker.get(Clock).advance(this.ctx.clock.now().getTime() - worker.get(Clock).now().getTime());
    this.workers.push(worker);
    return worker;
  }

  async stop(): Promise<void> {
    for (const worker of this.workers) await worker.close();
    await this.ctx.stop();
  }

  private clocks(): Clock[] {
    return [this.ctx.clock, ...this.workers.map((w) => w.get(Clock))];
  }

  now(): Date {
    return this.ctx.clock.now();
  }

  setNow(at: Date | string): void {
    const target = new Date(at).getTime();
    for (const clock of this.clocks()) clock.advance(target - clock.now().getTime());
  }

  advance(ms: number): void {
    for (const clock of this.clocks()) clock.advance(ms);
  }

  /** A patient with a phone of their own, so messages and replies of different tests never meet. */
  async newPatient(overrides: Record<string, unknown> = {}): Promise<{ id: string; phone: string }> {
    const phone = `+1415${randomInt(1_000_000, 9_999_999)}`;
    const patient = await this.ctx.newPatient(await this.token(), { phone, ...overrides });
    return { id: patient.id, phone: (overrides.phone as string | undefined) ?? phone };
  }

  async recordIntervention(patientId: string, body: Record<string, unknown>): Promise<string> {
    const res = await request(this.http).post(`/api/v1/patients/${patientId}/interventions`).set(bearer(await this.token())).send(body).expect(201);
    return res.body.id as string;
  }

  prompts(patientId: string): Promise<PromptRow[]> {
    return this.ctx.db.query<PromptRow>(`SELECT * FROM sms_prompt WHERE patient_id = $1 ORDER BY due_at, created_at`, [patientId]);
  }

  /** Runs one scheduler tick now (besides the BullMQ schedule) and waits until the patient's send jobs are done. */
  async sendDue(patientId: string, worker = this.workers[0]): Promise<PromptRow[]> {
    await worker.get(SmsDispatchDueJob).handle();
    return this.settled(patientId);
  }

  async settled(patientId: string): Promise<PromptRow[]> {
    return eventually(async () => {
      const rows = await this.prompts(patientId);
      const busy = rows.some((p) => p.status === 'queued' || p.status === 'sending' || (p.status === 'pending' && p.due_at.getTime() <= this.now().getTime()));
      return busy ? null : rows;
    });
  }

  messagesTo(phone: string): Promise<Array<{ body: string; provider_message_id: string }>> {
    return this.ctx.db.query(`SELECT body, provider_message_id FROM sms_console_message WHERE to_phone = $1 ORDER BY id`, [phone]);
  }

  /** The token of the newest link texted to this phone. */
  async latestLink(phone: string): Promise<string> {
    const messages = await this.messagesTo(phone);
    const body = messages.at(-1)?.body;
    if (!body) throw new Error('no message was sent to this phone');
    return tokenOf(body);
  }

  /** A webhook request signed the way Twilio signs it, with the SDK's own signer. */
  twilioPost(path: string, params: Record<string, string>, signWith: { token?: string; url?: string } = {}) {
    const signature = twilio.getExpectedTwilioSignature(signWith.token ?? TWILIO_AUTH_TOKEN, signWith.url ?? `${PUBLIC_BASE_URL}${path}`, params);
    return request(this.http).post(path).type('form').set('X-Twilio-Signature', signature).send(params);
  }

  scores(patientId: string): Promise<Array<{ id: string; score: number; source: string; recorded_at: Date }>> {
    return this.ctx.db.query(`SELECT id, score, source, recorded_at FROM pain_score WHERE patient_id = $1 ORDER BY recorded_at`, [patientId]);
  }
}

export function tokenOf(body: string): string {
  const match = new RegExp(`${PUBLIC_BASE_URL.replace(/\./g, '\\.')}/s/([A-Za-z0-9_-]{43})`).exec(body);
  if (!match) throw new Error(`no survey link in: ${body.replace(/\/s\/\S+/, '/s/[token]')}`);
  return match[1];
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
