import { createDataSource } from '@app/persistence';
import { TestDatabase } from '../support/test-database';
import { Client } from 'pg';
import { databaseUrl } from '../support/test-env';

describe('migrations', () => {
  it('should run up on an empty database, down again cleanly, and up once more', async () => {
    const name = `rt_mig_${Date.now().toString(36)}`;
    const admin = new Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const db = await createDataSource(databaseUrl(name), { poolSize: 1 }).initialize();
    const tables = async () =>
      (await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`)).map((r: { tablename: string }) => r.tablename);
    const types = async () => (await db.query(`SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`)).length;
    try {
      const applied = await db.runMigrations();
      expect(applied.length).toBe(db.migrations.length);
      expect(await tables()).toEqual(expect.arrayContaining(['app_user', 'audit_log', 'care_team', 'intervention', 'outbox', 'pain_score', 'patient', 'visit']));

      for (let i = 0; i < applied.length; i++) await db.undoLastMigration();
      expect(await tables()).toEqual([]);
      expect(await types()).toBe(0);

      await db.runMigrations();
      expect((await tables()).length).toBeGreaterThan(8);
      await expect(db.query(`INSERT INTO pain_score (patient_id, score, recorded_at, source) VALUES (gen_random_uuid(), 11, now(), 'api')`)).rejects.toThrow(/pain_score_score_check|violates/);
    } finally {
      await db.destroy();
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it('should give each test file a database of its own', async () => {
    const a = await TestDatabase.create();
    const b = await TestDatabase.create();
    try {
      expect(a.name).not.toBe(b.name);
      await a.query(`INSERT INTO care_team (name) VALUES ('only in a')`);
      expect(await b.query('SELECT * FROM care_team')).toEqual([]);
    } finally {
      await a.drop();
      await b.drop();
    }
  });
});
