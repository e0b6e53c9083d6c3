import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { SessionEntity } from '../entities';

const SEEN_RESOLUTION_MS = 60_000;

@Injectable()
export class SessionRepository {
  constructor(private readonly db: DataSource) {}

  async insert(userId: string, tokenHash: Buffer, expiresAt: Date, now: Date): Promise<SessionEntity> {
    return this.db.getRepository(SessionEntity).save({ userId, tokenHash, expiresAt, lastSeenAt: now });
  }

  /**
   * Returns the live session for a token (not revoked, not expired, not idle too long). Marks it seen at most
   * once a minute: the idle timeout is counted in minutes, and a write on every request would cost a commit each.
   */
  async touch(tokenHash: Buffer, now: Date, idleMs: number): Promise<{ id: string; userId: string; expiresAt: Date } | null> {
    const rows: Array<{ id: string; user_id: string; expires_at: Date; last_seen_at: Date }> = await this.db.query(
      `SELECT id, user_id, expires_at, last_seen_at FROM session
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_seen_at > $2::timestamptz - make_interval(secs => $3::float8 / 1000)`,
      [tokenHash, now, idleMs],
    );
    const row = rows[0];
    if (!row) return null;
    if (now.getTime() - row.last_seen_at.getTime() > SEEN_RESOLUTION_MS) {
      await this.db.query('UPDATE session SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [row.id, now]);
    }
    return { id: row.id, userId: row.user_id, expiresAt: row.expires_at };
  }

  async revoke(id: string, now: Date): Promise<void> {
    await this.db.getRepository(SessionEntity).update({ id, revokedAt: IsNull() }, { revokedAt: now });
  }
}
