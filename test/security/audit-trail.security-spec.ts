import type { INestApplicationContext } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { REDIS_URL } from '../support/test-env';
import { bearer, eventually, startWorker, TestApp } from '../support/test-app';
import { AttackLedger } from './attack-cases';

const ROOT = join(__dirname, '..', '..');

/** The audit trail under attack: the app's own connection cannot rewrite history, and a superuser's edit shows. */
describe('audit trail tampering', () => {
  let ctx: TestApp;
  let worker: INestApplicationContext;
  const ledger = new AttackLedger('audit trail');
  beforeAll(async () => {
    ctx = await TestApp.start();
    worker = await startWorker(ctx.config, { AUDIT_SEAL_INTERVAL_MS: '200' });
  });
  afterAll(async () => {
    ledger.flush();
    await worker.close();
    await ctx.stop();
  });

  const verify = () =>
    spawnSync(join(ROOT, 'scripts/node24'), [join(ROOT, 'dist/apps/api/src/cli/audit-verify.js')], {
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: ctx.db.url, AUDIT_CHAIN_KEY: ctx.config.AUDIT_CHAIN_KEY, REDIS_URL, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it("should refuse the app's changes to audit rows and expose a superuser's edit", async () => {
    const clinician = await ctx.newClinician();
    const { id } = await ctx.newPatient(clinician.token);
    await request(ctx.http).get(`/api/v1/patients/${id}`).set(bearer(clinician.token)).expect(200);
    await eventually(async () => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL'))[0].n === 0, 20_000);
    const [row] = await ctx.db.query<{ id: string; action: string }>(`SELECT id::text AS id, action FROM audit_log WHERE patient_id = $1 AND action = 'patient.read'`, [id]);

    const app = ctx.app.get(DataSource);
    for (const [what, sql] of [
      ['rewrite an audit row', `UPDATE audit_log SET action = 'nothing.happened' WHERE id = ${row.id}`],
      ['delete an audit row', `DELETE FROM audit_log WHERE id = ${row.id}`],
      ['truncate the audit log', 'TRUNCATE audit_log'],
    ] as const) {
      await ledger.attempt(what, async () => {
        await expect(app.query(sql)).rejects.toThrow();
      });
    }
    const [still] = await ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE id = $1`, [row.id]);
    expect(still.action).toBe('patient.read');
    expect(verify().status).toBe(0);

    await ledger.attempt('superuser edits a sealed row with the trigger switched off', async () => {
      await ctx.db.query(`BEGIN; ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
        UPDATE audit_log SET action = 'nothing.happened' WHERE id = ${row.id};
        ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only; COMMIT`);
      const result = verify();
      expect(result.status).toBe(1);
      expect(`${result.stdout}${result.stderr}`).toContain(`row id ${row.id}`);
    });
  });
});
