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

  async findWithTeams(id: string): Promise<UserWithTeams | null> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id });
    if (!user) return null;
    const memberships = await this.db.getRepository(CareTeamMemberEntity).findBy({ userId: id });
    return { id: user.id, email: user.email, name: user.name, role: user.role, disabledAt: user.disabledAt, careTeamIds: memberships.map((m) => m.careTeamId) };
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
