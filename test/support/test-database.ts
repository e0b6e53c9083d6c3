import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { BASE_DATABASE_URL, databaseUrl, TEMPLATE_DB_ENV } from './test-env';

/** A database of this test file's own, cloned from the migrated template, dropped when the file ends. */
export class TestDatabase {
  private constructor(readonly name: string, readonly url: string) {}

  static async create(): Promise<TestDatabase> {
    const template = process.env[TEMPLATE_DB_ENV];
    if (!template) throw new Error('the e2e global setup did not run');
    const name = `rt_e2e_${randomBytes(5).toString('hex')}`;
    await TestDatabase.admin(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    return new TestDatabase(name, databaseUrl(name));
  }

  /** A database with no schema at all, as on a first start. */
  static async createEmpty(): Promise<TestDatabase> {
    const name = `rt_e2e_${randomBytes(5).toString('hex')}`;
    await TestDatabase.admin(`CREATE DATABASE "${name}"`);
    return new TestDatabase(name, databaseUrl(name));
  }

  /** Runs SQL as the superuser against this file's database: for checks that the API does not expose. */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async drop(): Promise<void> {
    await TestDatabase.admin(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
  }

  private static async admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: BASE_DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}
