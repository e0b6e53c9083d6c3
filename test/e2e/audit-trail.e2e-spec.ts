import type { INestApplicationContext } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { appRoleGrants, AuditLogEntity, AuditRepository, createDataSource, verifyAuditChain } from '@app/persistence';
import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditSealJob } from '../../apps/worker/src/audit/audit-seal.job';
import { TestDatabase } from '../support/test-database';
import { REDIS_URL } from '../support/test-env';
import { bearer, eventually, startWorker, TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const VERIFY_CLI = join(ROOT, 'dist/apps/api/src/cli/audit-verify.js');

/** The compiled `npm run audit:verify`, as an operator runs it. */
function auditVerify(db: TestDatabase, key: string, args: string[] = []) {
  const result = spawnSync(join(ROOT, 'scripts/node24'), [VERIFY_CLI, ...args], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: db.url, AUDIT_CHAIN_KEY: key, REDIS_URL, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** A superuser who switches the append-only trigger off for one transaction: the attack the chain must reveal. */
const tamper = (db: TestDatabase, sql: string) =>
  db.query(`BEGIN; ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; ${sql}; ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only; COMMIT`);

describe('audit trail', () => {
  let ctx: TestApp;
  let clinician: { id: string; token: string };
  let patient: { id: string };
  const workers: INestApplicationContext[] = [];
  const api = () => request(ctx.http);
  const rowAt = async (seq: number) => (await ctx.db.query<{ id: string }>(`SELECT id::text AS id FROM audit_log WHERE seq = $1`, [seq]))[0].id;

  beforeAll(async () => {
    ctx = await TestApp.start();
    clinician = await ctx.newClinician();
    patient = await ctx.newPatient(clinician.token);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
  });
  afterAll(() => ctx.stop());

  it('should record reads of patient data', async () => {
    await api().get(`/api/v1/patients/${patient.id}`).set(bearer(clinician.token)).expect(200);
    const rows = await ctx.db.query(`SELECT actor_user_id, action, seq FROM audit_log WHERE patient_id = $1 AND action = 'patient.read'`, [patient.id]);
    expect(rows).toEqual([{ actor_user_id: clinician.id, action: 'patient.read', seq: null }]);
  });

  it("should refuse UPDATE, DELETE and TRUNCATE of audit rows through the app's own DataSource, leaving the row unchanged", async () => {
    const db = ctx.app.get(DataSource);
    const repo = db.getRepository(AuditLogEntity);
    const [before] = await db.query(`SELECT * FROM audit_log WHERE patient_id = $1 ORDER BY id LIMIT 1`, [patient.id]);

    await expect(db.query(`UPDATE audit_log SET details = '{"changed":true}' WHERE id = $1`, [before.id])).rejects.toThrow(/append-only/);
    await expect(repo.update({ id: before.id }, { action: 'patient.nothing_to_see' })).rejects.toThrow(/append-only/);
    await expect(db.transaction((tx) => tx.query(`UPDATE audit_log SET actor_user_id = NULL WHERE id = $1`, [before.id]))).rejects.toThrow(/append-only/);
    await expect(repo.delete({ id: before.id })).rejects.toThrow(/rows cannot be deleted/);
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/rows cannot be deleted/);
    await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/cannot be truncated/);
    // Nor can the app insert a row pretending to be sealed, or move the chain head.
    await expect(db.query(`INSERT INTO audit_log (actor_kind, action, resource_type, seq, prev_hash, hash, sealed_at)
      VALUES ('system', 'x', 'x', 1, '\\x${'00'.repeat(32)}', '\\x${'11'.repeat(32)}', now())`)).rejects.toThrow(/inserted unsealed/);
    await expect(db.query(`UPDATE audit_chain_head SET seq = 0, mac = NULL`)).rejects.toThrow(/only moves forward/);
    await expect(db.query(`DELETE FROM audit_chain_head`)).rejects.toThrow(/only moves forward/);

    const [after] = await db.query(`SELECT * FROM audit_log WHERE id = $1`, [before.id]);
    expect(after).toEqual(before);
  });

  it('should leave a least-privilege app role no UPDATE, DELETE or trigger switch on audit rows, yet let it seal', async () => {
    const role = `rt_app_${randomBytes(4).toString('hex')}`;
    await ctx.db.query(`CREATE ROLE ${role} LOGIN PASSWORD '${role}-pw'`);
    const url = new URL(ctx.db.url);
    url.username = role;
    url.password = `${role}-pw`;
    const client = new Client({ connectionString: url.toString() });
    let appDb: DataSource | undefined;
    try {
      for (const sql of appRoleGrants(role)) await ctx.db.query(sql);
      await client.connect();
      await client.query(`INSERT INTO audit_log (actor_kind, action, resource_type) VALUES ('system', 'test.role_insert', 'test')`);
      expect((await client.query(`SELECT count(*)::int AS n FROM patient`)).rows[0].n).toBeGreaterThan(0);
      await expect(client.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`)).rejects.toThrow(/must be owner/);

      appDb = await createDataSource(url.toString(), { poolSize: 1 }).initialize();
      const sealed = await new AuditRepository(appDb).sealPending(ctx.config.AUDIT_CHAIN_KEY);
      expect(sealed.sealed).toBeGreaterThan(0);
      expect((await verifyAuditChain(appDb, ctx.config.AUDIT_CHAIN_KEY)).ok).toBe(true);
    } finally {
      await appDb?.destroy();
      await client.end().catch(() => undefined);
      await ctx.db.query(`DROP OWNED BY ${role}`);
      await ctx.db.query(`DROP ROLE ${role}`);
    }
  });

  it('should seal rows written by real API requests, once, and audit:verify should pass on the untouched chain', async () => {
    workers.push(await startWorker(ctx.config, { AUDIT_SEAL_INTERVAL_MS: '200' }));
    for (let i = 0; i < 3; i++) await api().get(`/api/v1/patients/${patient.id}`).set(bearer(clinician.token)).expect(200);
    await api().post(`/api/v1/patients/${patient.id}/pain-scores`).set(bearer(clinician.token)).send({ score: 6, recordedAt: new Date().toISOString() }).expect(201);
    await eventually(async () => {
      const [{ n }] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL`);
      return n === 0;
    });
    await workers.pop()!.close();

    const rows = await ctx.db.query<{ seq: number; max: string; n: number }>(
      `SELECT max(seq)::text AS max, count(*)::int AS n, count(DISTINCT seq)::int AS seq FROM audit_log WHERE seq IS NOT NULL`,
    );
    expect(rows[0]).toEqual({ max: String(rows[0].n), n: rows[0].n, seq: rows[0].n }); // seq 1..n, no gap, no repeat
    const requestRows = await ctx.db.query<{ action: string; sealed: boolean }>(
      `SELECT action, seq IS NOT NULL AND hash IS NOT NULL AS sealed FROM audit_log WHERE actor_user_id = $1 AND action IN ('patient.read', 'pain_score.create')`,
      [clinician.id],
    );
    expect(requestRows.filter((r) => r.action === 'patient.read')).toHaveLength(4);
    expect(requestRows.filter((r) => r.action === 'pain_score.create')).toHaveLength(1);
    expect(requestRows.every((r) => r.sealed)).toBe(true);
    // A sealed row cannot be re-sealed either.
    await expect(ctx.app.get(DataSource).query(`UPDATE audit_log SET hash = '\\x${'22'.repeat(32)}' WHERE seq = 1`)).rejects.toThrow(/sealed, once/);

    const [anchor] = await ctx.db.query<{ hash: string }>(`SELECT encode(hash, 'hex') AS hash FROM audit_log WHERE seq = 2`);
    const ok = auditVerify(ctx.db, ctx.config.AUDIT_CHAIN_KEY, ['--anchor', `2:${anchor.hash}`]);
    expect(ok.out).toMatch(/OK: every seal matches/);
    expect(ok.out).toMatch(/sealed rows: (\d+), last seq \1;/);
    expect(ok.status).toBe(0);

    const wrongKey = auditVerify(ctx.db, 'some-other-key-that-did-not-seal-this-chain');
    expect(wrongKey.status).toBe(1);
  });

  it('should make audit:verify fail naming the row after a superuser edits, reorders or deletes sealed rows', async () => {
    const key = ctx.config.AUDIT_CHAIN_KEY;
    const edited = await rowAt(3);
    await tamper(ctx.db, `UPDATE audit_log SET details = details || '{"note":"nothing happened"}' WHERE seq = 3`);
    const afterEdit = auditVerify(ctx.db, key);
    expect(afterEdit.status).toBe(1);
    expect(afterEdit.out).toContain(`TAMPERING: 1 problem(s); first broken link: row id ${edited} (seq 3) does not match its seal`);

    await tamper(ctx.db, `UPDATE audit_log SET details = details - 'note' WHERE seq = 3`);
    expect(auditVerify(ctx.db, key).status).toBe(0); // the seal covers exactly the content: restored, it verifies again

    const [fourth, fifth] = [await rowAt(4), await rowAt(5)];
    await tamper(ctx.db, `UPDATE audit_log SET seq = 999999 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = 5; UPDATE audit_log SET seq = 5 WHERE seq = 999999`);
    const afterSwap = auditVerify(ctx.db, key);
    expect(afterSwap.status).toBe(1);
    expect(afterSwap.out).toContain(`first broken link: row id ${fifth} (seq 4) does not link to the row before it`);
    expect(afterSwap.out).toContain(`row id ${fourth} (seq 5)`);
    await tamper(ctx.db, `UPDATE audit_log SET seq = 999999 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = 5; UPDATE audit_log SET seq = 5 WHERE seq = 999999`);
    expect(auditVerify(ctx.db, key).status).toBe(0);

    const seventh = await rowAt(7);
    await tamper(ctx.db, `DELETE FROM audit_log WHERE seq = 6`);
    const afterDelete = auditVerify(ctx.db, key);
    expect(afterDelete.status).toBe(1);
    expect(afterDelete.out).toContain(`first broken link: seq 6 missing before row id ${seventh} (seq 7): sealed rows were deleted`);

    const [{ last }] = await ctx.db.query<{ last: number }>(`SELECT max(seq)::int AS last FROM audit_log`);
    await tamper(ctx.db, `DELETE FROM audit_log WHERE seq = ${last}`);
    expect(auditVerify(ctx.db, key).out).toContain(`seq ${last} missing at the end: the newest sealed rows were deleted`);

    // Moving the head back to hide the deletion needs the key (its MAC).
    await ctx.db.query(`BEGIN; ALTER TABLE audit_chain_head DISABLE TRIGGER USER;
      UPDATE audit_chain_head SET seq = ${last - 1}, hash = (SELECT hash FROM audit_log WHERE seq = ${last - 1});
      ALTER TABLE audit_chain_head ENABLE TRIGGER USER; COMMIT`);
    const afterHead = auditVerify(ctx.db, key);
    expect(afterHead.status).toBe(1);
    expect(afterHead.out).toContain('the chain head was altered');
  });

  it('should produce one valid chain when two workers seal at once', async () => {
    const db = await TestDatabase.create();
    try {
      const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, REDIS_URL, BULLMQ_PREFIX: `rt-test-${db.name}`, LOG_LEVEL: 'silent', AUDIT_SEAL_INTERVAL_MS: '600000' });
      await db.query(`INSERT INTO audit_log (actor_kind, action, resource_type, resource_id, details)
        SELECT 'system', 'test.bulk', 'thing', g::text, jsonb_build_object('n', g) FROM generate_series(1, 3000) g`);
      workers.push(await startWorker(config), await startWorker(config));
      await Promise.all(workers.map((w) => w.get(AuditSealJob).handle()));
      await eventually(async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL`))[0].n === 0);

      const [stats] = await db.query(`SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct_seq, min(seq)::int AS min, max(seq)::int AS max FROM audit_log`);
      expect(stats).toEqual({ n: 3000, distinct_seq: 3000, min: 1, max: 3000 });
      const appDb = workers[0].get(DataSource);
      const report = await verifyAuditChain(appDb, config.AUDIT_CHAIN_KEY);
      expect(report).toMatchObject({ ok: true, sealedRows: 3000, lastSeq: '3000', head: { seq: '3000' }, unsealedRows: 0 });
      expect(auditVerify(db, config.AUDIT_CHAIN_KEY).status).toBe(0);
    } finally {
      await Promise.all(workers.splice(0).map((w) => w.close()));
      await db.drop();
    }
  });

  describe('admin view and export', () => {
    let admin: string;
    let adminId: string;
    let other: { id: string };
    beforeAll(async () => {
      admin = await ctx.adminToken();
      adminId = (await api().get('/api/v1/auth/me').set(bearer(admin)).expect(200)).body.id;
      other = await ctx.newPatient(clinician.token);
      await api().get(`/api/v1/patients/${other.id}`).set(bearer(clinician.token)).expect(200);
    });
    const list = async (query: Record<string, string>) => (await api().get('/api/v1/audit').query(query).set(bearer(admin)).expect(200)).body;

    it('should filter by patient, actor, action (exact or prefix) and time, newest first', async () => {
      const byPatient = await list({ patientId: other.id });
      expect(byPatient.items.map((e: { action: string }) => e.action)).toEqual(['patient.read', 'patient.create']);
      expect(byPatient.items.every((e: { patientId: string }) => e.patientId === other.id)).toBe(true);
      expect(byPatient.items[0]).toMatchObject({ actorUserId: clinician.id, actorKind: 'clinician', resourceType: 'patient', resourceId: other.id });
      expect(Number(byPatient.items[0].id)).toBeGreaterThan(Number(byPatient.items[1].id));

      const byActor = await list({ actorUserId: clinician.id, limit: '500' });
      expect(byActor.items.length).toBeGreaterThan(3);
      expect(byActor.items.every((e: { actorUserId: string }) => e.actorUserId === clinician.id)).toBe(true);

      const reads = await list({ action: 'patient.read', limit: '500' });
      expect(new Set(reads.items.map((e: { action: string }) => e.action))).toEqual(new Set(['patient.read']));
      const patientActions = await list({ action: 'patient.*', limit: '500' });
      expect(new Set(patientActions.items.map((e: { action: string }) => e.action))).toEqual(new Set(['patient.read', 'patient.create']));

      expect((await list({ from: new Date(Date.now() + 3_600_000).toISOString() })).items).toEqual([]);
      expect((await list({ to: '2001-01-01T00:00:00Z' })).items).toEqual([]);
      const recent = await list({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString(), patientId: other.id });
      expect(recent.items).toHaveLength(3); // patient.create, patient.read, and the audit.read of the first query above (it names the patient)
    });

    it('should page with a cursor without repeating or skipping a row', async () => {
      const all = await list({ actorUserId: clinician.id, limit: '500' });
      const first = await list({ actorUserId: clinician.id, limit: '2' });
      expect(first.items).toHaveLength(2);
      const second = await list({ actorUserId: clinician.id, limit: '2', cursor: first.nextCursor });
      expect([...first.items, ...second.items].map((e: { id: string }) => e.id)).toEqual(all.items.slice(0, 4).map((e: { id: string }) => e.id));
      expect(all.nextCursor).toBeNull();
    });

    it('should answer 403 to clinicians and analysts, 401 without a session, 400 to bad filters', async () => {
      const analyst = await ctx.newUser('analyst');
      for (const token of [clinician.token, analyst.token]) {
        await api().get('/api/v1/audit').set(bearer(token)).expect(403);
        await api().get('/api/v1/audit/export.csv').set(bearer(token)).expect(403);
      }
      await api().get('/api/v1/audit').expect(401);
      await api().get('/api/v1/audit/export.csv').expect(401);
      for (const query of [{ patientId: 'nope' }, { limit: '0' }, { limit: '501' }, { cursor: 'abc' }, { action: "x'; DROP TABLE audit_log; --" }, { from: 'yesterday' }, { unknown: '1' }]) {
        await api().get('/api/v1/audit').query(query).set(bearer(admin)).expect(400);
      }
      await api().get('/api/v1/audit').query({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }).set(bearer(admin)).expect(400);
    });

    it('should export the filtered rows as CSV with a header, oldest first, spreadsheet formulas neutralised', async () => {
      await ctx.db.query(`INSERT INTO audit_log (actor_kind, action, resource_type, resource_id, patient_id) VALUES ('system', 'test.csv', 'thing', '=HYPERLINK("http://evil")', $1)`, [other.id]);
      const res = await api().get('/api/v1/audit/export.csv').query({ patientId: other.id }).set(bearer(admin)).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-.*\.csv"$/);
      const lines = String(res.text).trim().split(/\r?\n/);
      expect(lines[0]).toBe('id,occurredAt,actorUserId,actorEmail,actorKind,action,resourceType,resourceId,patientId,requestId,details,seq,hash');
      const records = parse(res.text, { columns: true }) as Array<Record<string, string>>;
      const expected = await list({ patientId: other.id, limit: '500' });
      // The export recorded itself before reading, so its own audit.export row is in it (the listing's row comes after).
      expect(records.map((r) => r.id)).toEqual(expected.items.map((e: { id: string }) => e.id).reverse());
      expect(records.at(-1)?.action).toBe('audit.export');
      expect(records.every((r) => r.patientId === other.id)).toBe(true);
      expect(records.find((r) => r.action === 'test.csv')?.resourceId).toBe(`'=HYPERLINK("http://evil")`);
      expect(records.find((r) => r.action === 'patient.read')?.actorUserId).toBe(clinician.id);
    });

    it('should audit reading and exporting the audit trail itself', async () => {
      const [read] = await ctx.db.query(`SELECT actor_user_id, details FROM audit_log WHERE action = 'audit.read' AND patient_id = $1 ORDER BY id LIMIT 1`, [other.id]);
      expect(read).toMatchObject({ actor_user_id: adminId, details: { patientId: other.id } });
      const [exported] = await ctx.db.query(`SELECT actor_user_id, details FROM audit_log WHERE action = 'audit.export'`);
      expect(exported).toMatchObject({ actor_user_id: adminId, details: { patientId: other.id } });
    });
  });
});
