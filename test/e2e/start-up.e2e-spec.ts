import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { TestDatabase } from '../support/test-database';
import { REDIS_URL } from '../support/test-env';
import { TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const NODE = join(ROOT, 'scripts/node24');
const run = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync(NODE, [join(ROOT, script), ...args], { env: { ...process.env, LOG_LEVEL: 'warn', REDIS_URL, ...env }, encoding: 'utf8', timeout: 60_000 });

/** The path `docker compose up` takes (compiled CLI: migrate, bootstrap admin, demo seed), run outside Docker. */
describe('start-up path', () => {
  it('should migrate, create the admin and load the demo cohort with the logins printed, and do it only once', async () => {
    const db = await TestDatabase.createEmpty();
    try {
      const env = { DATABASE_URL: db.url, ADMIN_EMAIL: 'boss@clinic.example', ADMIN_PASSWORD: 'granite-meadow-4821' };
      const first = run('dist/apps/api/src/cli/prepare.js', ['--demo'], env);
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/applied migrations/);
      expect(first.stdout).toMatch(/created admin boss@clinic\.example/);
      expect(first.stdout).toMatch(/demo login\s+clinician@demo\.test\s+demo-password-123/);
      expect(first.stdout).toMatch(/demo login\s+analyst@demo\.test/);

      const again = run('dist/apps/api/src/cli/prepare.js', ['--demo'], env);
      expect(again.status).toBe(0);
      expect(again.stdout).toMatch(/schema is up to date/);
      expect(again.stdout).toMatch(/demo cohort already present/);
      const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM patient');
      expect(n).toBe(8);

      const ctx = await TestApp.startOn(db);
      try {
        const token = await ctx.login('clinician@demo.test', 'demo-password-123');
        const patients = await request(ctx.http).get('/api/v1/patients').set('authorization', `Bearer ${token}`).expect(200);
        expect(patients.body.items).toHaveLength(8);
        const maria = patients.body.items.find((p: { givenName: string }) => p.givenName === 'Maria');
        const scores = await request(ctx.http).get(`/api/v1/patients/${maria.id}/pain-scores`).set('authorization', `Bearer ${token}`).expect(200);
        expect(scores.body.items.length).toBeGreaterThan(60);
        expect(new Set(scores.body.items.map((s: { source: string }) => s.source))).toEqual(new Set(['sms_link', 'sms_reply', 'clinic']));
        await ctx.login('boss@clinic.example', 'granite-meadow-4821');
      } finally {
        await ctx.app.close();
      }
    } finally {
      await db.drop();
    }
  });

  it('should refuse to start with a clear message naming each bad setting', () => {
    const result = run('dist/apps/api/src/main.js', [], { DATABASE_URL: 'mysql://nope', PORT: 'eighty', ADMIN_EMAIL: 'a@b.example' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('DATABASE_URL must be a postgres:// URL');
    expect(result.stderr).toContain('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('should boot the worker against Postgres and Redis and stop cleanly on SIGTERM', async () => {
    const db = await TestDatabase.create();
    try {
      const worker = spawn(NODE, [join(ROOT, 'dist/apps/worker/src/main.js')], {
        env: { ...process.env, DATABASE_URL: db.url, REDIS_URL, LOG_LEVEL: 'info', BULLMQ_PREFIX: `rt-test-${db.name}` },
      });
      let output = '';
      worker.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      worker.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => worker.on('exit', (code) => resolve(code)));
      await waitFor(() => output.includes('worker ready'), 20_000, () => output);
      worker.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await db.drop();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${describe()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
