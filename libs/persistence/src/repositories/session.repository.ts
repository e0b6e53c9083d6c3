import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { SessionEntity } from '../entities';
import { groupCommit } from '../group-commit';
import type { UserWithTeams } from './user.repository';

const SEEN_RESOLUTION_MS = 60_000;

export interface LiveSession {
  id: string;
  expiresAt: Date;
  user: UserWithTeams;
}

interface SessionKey {
  tokenHash: Buffer;
  now: Date;
  idleMs: number;
}

@Injectable()
export class SessionRepository {
  private readonly lookupGrouped = groupCommit((keys: readonly SessionKey[]) => this.lookupNow(keys), { maxInFlight: 1, maxBatchSize: 200 });

  constructor(private readonly db: DataSource) {}

  async insert(userId: string, tokenHash: Buffer, expiresAt: Date, now: Date): Promise<SessionEntity> {
    return this.db.getRepository(SessionEntity).save({ userId, tokenHash, expiresAt, lastSeenAt: now });
  }

  /**
   * Returns the live session for a token (not revoked, not expired, not idle too long) with its user and care
   * teams. Every request asks, so concurrent requests share one statement (group commit). Marks a session seen at
   * most once a minute: the idle timeout is counted in minutes, and a write on every request would cost a commit each.
   */
  touch(tokenHash: Buffer, now: Date, idleMs: number): Promise<LiveSession | null> {
    return this.lookupGrouped({ tokenHash, now, idleMs });
  }

  private async lookupNow(keys: readonly SessionKey[]): Promise<Array<LiveSession | null>> {
    const rows: Array<UserWithTeams & { ord: string; session_id: string; expires_at: Date; last_seen_at: Date }> = await this.db.query(
      `SELECT k.ord::text AS ord, s.id AS session_id, s.expires_at, s.last_seen_at, u.id, u.email, u.name, u.role, u.disabled_at AS "disabledAt",
              coalesce((SELECT array_agg(m.care_team_id) FROM care_team_member m WHERE m.user_id = u.id), '{}') AS "careTeamIds"
         FROM unnest($1::bytea[], $2::timestamptz[], $3::float8[]) WITH ORDINALITY AS k(token_hash, now, idle_ms, ord)
         JOIN session s ON s.token_hash = k.token_hash AND s.revoked_at IS NULL AND s.expires_at > k.now
                       AND s.last_seen_at > k.now - make_interval(secs => k.idle_ms / 1000)
         JOIN app_user u ON u.id = s.user_id`,
      [keys.map((k) => k.tokenHash), keys.map((k) => k.now), keys.map((k) => k.idleMs)],
    );
    const found = new Map(rows.map((r) => [Number(r.ord) - 1, r]));
    const seen = [...found].filter(([i, r]) => keys[i].now.getTime() - r.last_seen_at.getTime() > SEEN_RESOLUTION_MS);
    if (seen.length > 0) {
      await this.db.query(
        `UPDATE session s SET last_seen_at = k.now FROM unnest($1::uuid[], $2::timestamptz[]) AS k(id, now) WHERE s.id = k.id AND s.last_seen_at < k.now`,
        [seen.map(([, r]) => r.session_id), seen.map(([i]) => keys[i].now)],
      );
    }
    return keys.map((_, i) => {
      const row = found.get(i);
      if (!row) return null;
      const { ord: _ord, session_id: id, expires_at: expiresAt, last_seen_at: _seen, ...user } = row;
      return { id, expiresAt, user };
    });
  }

  async revoke(id: string, now: Date): Promise<void> {
    await this.db.getRepository(SessionEntity).update({ id, revokedAt: IsNull() }, { revokedAt: now });
  }
}
