import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Consecutive failed sign-ins per account, and the time until which the account is locked. */
export class LoginLockout1764150000000 implements MigrationInterface {
  name = 'LoginLockout1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0), ADD COLUMN locked_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN locked_until, DROP COLUMN failed_logins`);
  }
}
