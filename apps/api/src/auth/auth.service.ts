import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { SessionRepository, UserRepository, type UserRole, type UserWithTeams } from '@app/persistence';
import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '../common/clock';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';

export interface IssuedSession {
  accessToken: string;
  csrfToken: string;
  expiresIn: number;
  user: { id: string; email: string; role: UserRole; name: string };
}

export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

/** After 5 failures in a row the account locks for 1 minute, doubling with each further failure, at most 1 hour. */
export const LOCKOUT = { freeAttempts: 5, baseMs: 60_000, maxMs: 3_600_000 } as const;

function lockedOut(until: Date, now: Date): HttpException {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new HttpException(`Too many failed sign-ins for this account; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, HttpStatus.TOO_MANY_REQUESTS);
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string): Promise<IssuedSession> {
    const now = this.clock.now();
    const user = await this.users.findCredentials(email);
    const ok = await verifyPassword(user?.passwordHash ?? (await DUMMY_HASH_PROMISE), password);
    // A locked account says so even for the right password: otherwise the lock would confirm a guess.
    if (user?.lockedUntil && user.lockedUntil > now) throw lockedOut(user.lockedUntil, now);
    if (!user || !ok || user.disabledAt) {
      if (user) {
        const lockedUntil = await this.users.recordFailedLogin(user.id, now, LOCKOUT.freeAttempts, LOCKOUT.baseMs, LOCKOUT.maxMs);
        if (lockedUntil) throw lockedOut(lockedUntil, now);
      }
      throw new UnauthorizedException('E-mail or password is incorrect.');
    }
    if (user.failedLogins > 0) await this.users.clearFailedLogins(user.id);
    const accessToken = randomBytes(32).toString('base64url');
    const ttlMs = this.config.SESSION_TTL_MINUTES * 60_000;
    await this.sessions.insert(user.id, hashToken(accessToken), new Date(now.getTime() + ttlMs), now);
    return {
      accessToken,
      csrfToken: randomBytes(18).toString('base64url'),
      expiresIn: ttlMs / 1000,
      user: { id: user.id, email: user.email, role: user.role, name: user.name },
    };
  }

  /** The session behind a token, extending its idle timer; null when unknown, expired, idle too long or revoked. */
  async authenticate(token: string): Promise<{ sessionId: string; user: UserWithTeams } | null> {
    const session = await this.sessions.touch(hashToken(token), this.clock.now(), this.config.SESSION_IDLE_MINUTES * 60_000);
    return session ? { sessionId: session.id, user: session.user } : null;
  }

  logout(sessionId: string): Promise<void> {
    return this.sessions.revoke(sessionId, this.clock.now());
  }
}
