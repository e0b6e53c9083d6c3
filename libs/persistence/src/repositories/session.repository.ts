import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { SessionEntity } from '../entities';
import type { UserWithTeams } from './user.repository';

const SEEN_RESOLUTION_MS = 60_000;

@Injectable()
export class SessionRepository {
  constructor(private readonly db: DataSource) {}

  async insert(userId: string, tokenHash: Buffer, expiresAt: Date, now: Date): Promise<SessionEntity> {
    return this.db.getRepository(SessionEntity).save({ userId, tokenHash, expiresAt, lastSeenAt: now });
  }

  /**
   * Returns the live session for a token (not revoked, not expired, not idle too long) with its user and care
   * teams — one statement, since every request asks. Marks it seen at most once a minute: the idle timeout is
   * counted in minutes, and a write on every request would cost a commit each.
   */
  async touch(tokenHash: Buffer, now: Date, idleMs: number): Promise<{ id: string; expiresAt: Date; user: UserWithTeams } | null> {
    const rows: Array<UserWithTeams & { session_id: string; expires_at: Date; last_seen_at: Date }> = await this.db.query(
      `SELECT s.id AS session_id, s.expires_at, s.last_seen_at, u.id, u.email, u.name, u.role, u.disabled_at AS "disabledAt",
              coalesce((SELECT array_agg(m.care_team_id) FROM care_team_member m WHERE m.user_id = u.id), '{}') AS "careTeamIds"
         FROM session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $2::timestamptz - make_interval(secs => $3::float8 / 1000)`,
      [tokenHash, now, idleMs],
    );
    const row = rows[0];
    if (!row) return null;
    if (now.getTime() - row.last_seen_at.getTime() > SEEN_RESOLUTION_MS) {
      await this.db.query('UPDATE session SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [row.session_id, now]);
    }
    const { session_id: id, expires_at: expiresAt, last_seen_at: _seen, ...user } = row;
    return { id, expiresAt, user };
  }

  async revoke(id: string, now: Date): Promise<void> {
    await this.db.getRepository(SessionEntity).update({ id, revokedAt: IsNull() }, { revokedAt: now });
  }
}
