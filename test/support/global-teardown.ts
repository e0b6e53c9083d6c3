import { Client } from 'pg';
import { BASE_DATABASE_URL, TEMPLATE_DB_ENV } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const name = process.env[TEMPLATE_DB_ENV];
  if (!name) return;
  const admin = new Client({ connectionString: BASE_DATABASE_URL });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE false`);
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  delete process.env[TEMPLATE_DB_ENV];
}
