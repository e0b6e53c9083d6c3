import { type AppConfig } from '@app/config';
import { createDataSource, ensureDatabaseExists } from '@app/persistence';

/** The start-up path shared by Docker, the README's non-Docker instructions and the tests: database, then schema. */
export async function prepareDatabase(config: AppConfig, log: (line: string) => void = () => undefined): Promise<void> {
  if (await ensureDatabaseExists(config.DATABASE_URL)) log('created the database');
  const db = await createDataSource(config.DATABASE_URL, { poolSize: 1, applicationName: 'relieftrace-migrations' }).initialize();
  try {
    const applied = await db.runMigrations({ transaction: 'each' });
    log(applied.length > 0 ? `applied migrations: ${applied.map((m) => m.name).join(', ')}` : 'schema is up to date');
  } finally {
    await db.destroy();
  }
}
