import { loadConfig, type AppConfig } from '@app/config';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { createApi } from '../../apps/api/src/app.setup';
import { Clock } from '../../apps/api/src/common/clock';
import { UserService } from '../../apps/api/src/users/user.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TestDatabase } from './test-database';
import { REDIS_URL } from './test-env';

export const ADMIN = { email: 'admin@test.example', password: 'orchid-lantern-basalt-77' };
export const PASSWORD = 'maple-harbor-quartz-19';

/**
 * The real api (same createApi as production) on this file's own database and BullMQ prefix,
 * with small factories in the style of `ctx.newClinician()`.
 */
export class TestApp {
  private constructor(readonly app: NestFastifyApplication, readonly db: TestDatabase, readonly config: AppConfig) {}

  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    return TestApp.startOn(await TestDatabase.create(), env);
  }

  static async startOn(db: TestDatabase, env: Record<string, string> = {}): Promise<TestApp> {
    const config = loadConfig({
      NODE_ENV: 'test', DATABASE_URL: db.url, REDIS_URL, BULLMQ_PREFIX: `rt-test-${db.name}`, LOG_LEVEL: 'silent',
      ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password,
      // Tests sign in far more often than a person; the suites that test these limits set their own.
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000', WEBHOOK_RATE_LIMIT_PER_MINUTE: '100000',
      // Tests read the analyst charts right after a change; analytics-refresh-throttle tests the production interval.
      ANALYTICS_REFRESH_MIN_AGE_MS: '0', ...env,
    });
    const app = await createApi(config);
    await app.init();
    // Fastify loads its plugins and routes when ready; supertest then talks to its Node server.
    await app.getHttpAdapter().getInstance().ready();
    await app.get(UserService).bootstrapAdmin(config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
    return new TestApp(app, db, config);
  }

  get http(): App {
    return this.app.getHttpServer() as App;
  }

  get clock(): Clock {
    return this.app.get(Clock);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.db.drop();
  }

  async login(email: string, password: string): Promise<string> {
    const res = await request(this.http).post('/api/v1/auth/login').send({ email, password }).expect(200);
    return res.body.accessToken as string;
  }

  adminToken(): Promise<string> {
    return this.login(ADMIN.email, ADMIN.password);
  }

  /** A user of the given role (clinicians get a care team of their own unless one is given); returns id and token. */
  async newUser(role: 'clinician' | 'analyst' | 'admin', careTeamIds?: string[]): Promise<{ id: string; email: string; token: string; careTeamIds: string[] }> {
    const email = `${role}-${randomBytes(4).toString('hex')}@test.example`;
    const res = await request(this.http)
      .post('/api/v1/users')
      .set('authorization', `Bearer ${await this.adminToken()}`)
      .send({ email, password: PASSWORD, role, name: `Test ${role}`, careTeamIds })
      .expect(201);
    return { id: res.body.id, email, token: await this.login(email, PASSWORD), careTeamIds: res.body.careTeamIds };
  }

  newClinician(careTeamIds?: string[]) {
    return this.newUser('clinician', careTeamIds);
  }

  async newPatient(token: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; pseudonym: string }> {
    const res = await request(this.http)
      .post('/api/v1/patients')
      .set('authorization', `Bearer ${token}`)
      .send({ givenName: 'Rosa', familyName: 'Delgado', birthDate: '1960-02-29', mrn: `MRN-${randomBytes(3).toString('hex')}`, phone: '+14155550123', timezone: 'America/New_York', indexKnee: 'left', smsConsent: true, ...overrides })
      .expect(201);
    return res.body;
  }
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The real worker (outbox relay + BullMQ processors) on the same database and BullMQ prefix as a TestApp. */
export async function startWorker(config: AppConfig, env: Partial<Record<keyof AppConfig, string>> = {}): Promise<INestApplicationContext> {
  const inherited = Object.entries(config).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]);
  const workerConfig = loadConfig({ ...Object.fromEntries(inherited), ...env });
  const worker = await NestFactory.createApplicationContext(WorkerModule.forConfig(workerConfig), { logger: false, abortOnError: false });
  await worker.init();
  return worker;
}

/** Polls until the check passes (returns truthy) or the time is up; e2e tests wait for the worker this way, never with fixed sleeps. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
