import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { UserRole } from '@app/persistence';
import type { FastifyRequest } from 'fastify';

/** Who is asking: every service call that touches patient data takes one, for access checks and the audit trail. */
export interface Actor {
  userId: string;
  role: UserRole;
  careTeamIds: string[];
  sessionId: string;
  requestId: string;
}

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
