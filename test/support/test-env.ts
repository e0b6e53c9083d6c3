/** Where the tests find Postgres and Redis: DATABASE_URL / REDIS_URL, defaulting to this machine. */
export const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export const TEMPLATE_DB_ENV = 'RELIEFTRACE_TEST_TEMPLATE_DB';
