import { type AppConfig } from '@app/config';
import { createDataSource, ensureDatabaseExists, FieldCipher, resealPatientIdentifiers } from '@app/persistence';
import type { DataSource } from 'typeorm';

/** The start-up path shared by Docker, the README's non-Docker instructions and the tests: database, schema, then data. */
export async function prepareDatabase(config: AppConfig, log: (line: string) => void = () => undefined): Promise<void> {
  if (await ensureDatabaseExists(config.DATABASE_URL)) log('created the database');
  const db = await createDataSource(config.DATABASE_URL, { poolSize: 1, applicationName: 'relieftrace-migrations' }).initialize();
  try {
    const applied = await db.runMigrations({ transaction: 'each' });
    log(applied.length > 0 ? `applied migrations: ${applied.map((m) => m.name).join(', ')}` : 'schema is up to date');
    await encryptClearPatientIdentifiers(db, config, log);
  } finally {
    await db.destroy();
  }
}

/**
 * The data half of migration EncryptPatientIdentifiers1764130000000: patients written before it hold their
 * identifiers in clear; this encrypts them under the active key (migrations do not read keys). Idempotent and
 * cheap when there is nothing to do (a single query that finds no row), so it runs on every start.
 */
export async function encryptClearPatientIdentifiers(db: DataSource, config: AppConfig, log: (line: string) => void = () => undefined): Promise<number> {
  const cipher = FieldCipher.fromConfig(config);
  if (/insecure/i.test(cipher.activeKeyId)) log(`WARNING: patient identifiers are encrypted under the public development key "${cipher.activeKeyId}"; set PII_KEYS and PII_INDEX_KEY before holding real patients`);
  const result = await resealPatientIdentifiers(db, cipher, { only: 'clear' });
  if (result.rewritten > 0) {
    log(`encrypted the identifiers of ${result.rewritten} patients that were held in clear`);
    // The old row versions (in clear) stay in the table's pages until rewritten; a rewrite leaves none behind
    // for a physical backup to copy — unless another transaction's snapshot could still see them, so wait (a
    // little) for other snapshots on this database to end first. WAL written before still holds them until recycled.
    for (let i = 0; i < 50 && (await otherSnapshots(db)) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    await db.query('VACUUM FULL patient');
    log('rewrote the patient table so no clear row versions remain');
  }
  return result.rewritten;
}

async function otherSnapshots(db: DataSource): Promise<number> {
  const [{ n }]: Array<{ n: number }> = await db.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND (backend_xmin IS NOT NULL OR backend_xid IS NOT NULL)`,
  );
  return n;
}
