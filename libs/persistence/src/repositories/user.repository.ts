import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';
import { CareTeamEntity, CareTeamMemberEntity, UserEntity, type UserRole } from '../entities';

export interface UserWithTeams { id: string; email: string; name: string; role: UserRole; careTeamIds: string[]; disabledAt: Date | null }

@Injectable()
export class UserRepository {
  constructor(private readonly db: DataSource) {}

  count(): Promise<number> {
    return this.db.getRepository(UserEntity).count();
  }

  findCredentials(email: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email: email.toLowerCase() }).getOne();
  }

  /** One query: it runs on every authenticated request. */
  async findWithTeams(id: string): Promise<UserWithTeams | null> {
    const [row]: UserWithTeams[] = await this.db.query(
      `SELECT u.id, u.email, u.name, u.role, u.disabled_at AS "disabledAt",
              coalesce(array_agg(m.care_team_id) FILTER (WHERE m.care_team_id IS NOT NULL), '{}') AS "careTeamIds"
         FROM app_user u LEFT JOIN care_team_member m ON m.user_id = u.id WHERE u.id = $1 GROUP BY u.id`,
      [id],
    );
    return row ?? null;
  }

  /** Counts a failed sign-in and, from the `freeAttempts`-th on, locks the account for a doubling period. */
  async recordFailedLogin(id: string, now: Date, freeAttempts: number, baseLockMs: number, maxLockMs: number): Promise<Date | null> {
    const [row]: Array<{ locked_until: Date | null }> = await this.db.query(
      `UPDATE app_user SET failed_logins = failed_logins + 1,
              locked_until = CASE WHEN failed_logins + 1 >= $3
                THEN $2::timestamptz + make_interval(secs => least($5::float8, $4::float8 * power(2, failed_logins + 1 - $3)) / 1000) END
        WHERE id = $1 RETURNING locked_until`,
      [id, now, freeAttempts, baseLockMs, maxLockMs],
    ).then((r: [unknown[], number]) => r[0] as never);
    return row?.locked_until ?? null;
  }

  async clearFailedLogins(id: string): Promise<void> {
    await this.db.query('UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND failed_logins > 0', [id]);
  }

  list(): Promise<UserEntity[]> {
    return this.db.getRepository(UserEntity).find({ order: { createdAt: 'ASC' } });
  }

  emailExists(email: string, tx: Tx = this.db.manager): Promise<boolean> {
    return tx.getRepository(UserEntity).existsBy({ email: email.toLowerCase() });
  }

  insert(tx: Tx, user: Pick<UserEntity, 'email' | 'name' | 'role' | 'passwordHash'>): Promise<UserEntity> {
    return tx.getRepository(UserEntity).save(tx.getRepository(UserEntity).create({ ...user, email: user.email.toLowerCase() }));
  }

  createTeam(tx: Tx, name: string): Promise<CareTeamEntity> {
    return tx.getRepository(CareTeamEntity).save(tx.getRepository(CareTeamEntity).create({ name }));
  }

  listTeams(): Promise<Array<CareTeamEntity & { memberIds: string[] }>> {
    return this.db.query(
      `SELECT t.id, t.name, t.created_at AS "createdAt", coalesce(array_agg(m.user_id) FILTER (WHERE m.user_id IS NOT NULL), '{}') AS "memberIds"
         FROM care_team t LEFT JOIN care_team_member m ON m.care_team_id = t.id GROUP BY t.id ORDER BY t.created_at`,
    );
  }

  teamExists(id: string, tx: Tx = this.db.manager): Promise<boolean> {
    return tx.getRepository(CareTeamEntity).existsBy({ id });
  }

  async addMember(tx: Tx, careTeamId: string, userId: string): Promise<void> {
    await tx.getRepository(CareTeamMemberEntity).upsert({ careTeamId, userId }, ['careTeamId', 'userId']);
  }
}
