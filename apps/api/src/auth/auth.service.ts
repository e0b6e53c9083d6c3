import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { SessionRepository, UserRepository, type UserRole } from '@app/persistence';
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

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string): Promise<IssuedSession> {
    const user = await this.users.findCredentials(email);
    const ok = await verifyPassword(user?.passwordHash ?? (await DUMMY_HASH_PROMISE), password);
    if (!user || !ok || user.disabledAt) throw new UnauthorizedException('E-mail or password is incorrect.');
    const accessToken = randomBytes(32).toString('base64url');
    const now = this.clock.now();
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
  async authenticate(token: string): Promise<{ sessionId: string; userId: string } | null> {
    const session = await this.sessions.touch(hashToken(token), this.clock.now(), this.config.SESSION_IDLE_MINUTES * 60_000);
    return session ? { sessionId: session.id, userId: session.userId } : null;
  }

  logout(sessionId: string): Promise<void> {
    return this.sessions.revoke(sessionId, this.clock.now());
  }
}
