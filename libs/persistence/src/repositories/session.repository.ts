import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { SessionEntity } from '../entities';

@Injectable()
export class SessionRepository {
  constructor(private readonly db: DataSource) {}

  async insert(userId: string, tokenHash: Buffer, expiresAt: Date, now: Date): Promise<SessionEntity> {
    return this.db.getRepository(SessionEntity).save({ userId, tokenHash, expiresAt, lastSeenAt: now });
  }

  /** Returns the live session for a token and marks it seen, in one statement so idle expiry needs no second query. */
  async touch(tokenHash: Buffer, now: Date, idleMs: number): Promise<{ id: string; userId: string; expiresAt: Date } | null> {
    const rows: Array<{ id: string; user_id: string; expires_at: Date }> = await this.db.query(
      `UPDATE session SET last_seen_at = $2
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_seen_at > $2::timestamptz - make_interval(secs => $3::float8 / 1000)
        RETURNING id, user_id, expires_at`,
      [tokenHash, now, idleMs],
    ).then((r: [unknown[], number] | unknown[]) => (Array.isArray(r[0]) ? r[0] : r) as never);
    const row = rows[0];
    return row ? { id: row.id, userId: row.user_id, expiresAt: row.expires_at } : null;
  }

  async revoke(id: string, now: Date): Promise<void> {
    await this.db.getRepository(SessionEntity).update({ id, revokedAt: IsNull() }, { revokedAt: now });
  }
}
