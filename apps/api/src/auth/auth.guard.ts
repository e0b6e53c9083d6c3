import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@app/persistence';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { AuthenticatedRequest } from '../common/actor';
import { AuthService } from './auth.service';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './session-cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Authentication (bearer token or session cookie), CSRF for cookie writes, and the role check — in one place. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const handlers = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, handlers)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();

    const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const token = bearer ?? cookie;
    if (!token) throw new UnauthorizedException('Sign in first: send Authorization: Bearer <accessToken>.');
    const session = await this.auth.authenticate(token);
    if (!session) throw new UnauthorizedException('Your session has expired or was signed out; sign in again.');
    if (!bearer && !SAFE_METHODS.has(req.method)) this.checkCsrf(req);

    const { user } = session;
    if (user.disabledAt) throw new UnauthorizedException('This account is disabled.');
    req.actor = { userId: user.id, role: user.role, careTeamIds: user.careTeamIds, sessionId: session.sessionId, requestId: String(req.id ?? randomUUID()) };

    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, handlers);
    if (roles && !roles.includes(user.role)) throw new ForbiddenException(`This needs the ${roles.join(' or ')} role.`);
    return true;
  }

  /** Cookies ride along on cross-site requests; a header the attacker's page cannot read or set proves same origin. */
  private checkCsrf(req: AuthenticatedRequest): void {
    const header = req.headers[CSRF_HEADER];
    const cookie = (req.cookies as Record<string, string> | undefined)?.[CSRF_COOKIE];
    const ok = typeof header === 'string' && cookie && header.length === cookie.length && timingSafeEqual(Buffer.from(header), Buffer.from(cookie));
    if (!ok) throw new ForbiddenException('Missing or wrong X-CSRF-Token header for a cookie-authenticated change.');
  }
}
