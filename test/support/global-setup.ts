import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { BASE_DATABASE_URL, databaseUrl, REDIS_URL, TEMPLATE_DB_ENV } from './test-env';

const ROOT = join(__dirname, '..', '..');
export const PREPARE_CLI = join(ROOT, 'dist/apps/api/src/cli/prepare.js');

/**
 * Migrates one template database through the compiled start-up command (the one Docker runs); each test
 * file then clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds and keeps files isolated.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env[TEMPLATE_DB_ENV]) return; // the e2e and browser projects share one template
  if (!existsSync(PREPARE_CLI)) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  const name = `rt_tpl_${process.pid}_${Date.now().toString(36)}`;
  execFileSync(join(ROOT, 'scripts/node24'), [PREPARE_CLI], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl(name), REDIS_URL, ADMIN_EMAIL: '', ADMIN_PASSWORD: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const admin = new Client({ connectionString: BASE_DATABASE_URL });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true`);
  await admin.end();
  process.env[TEMPLATE_DB_ENV] = name;
}
