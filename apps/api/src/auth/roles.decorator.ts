import { SetMetadata } from '@nestjs/common';
import type { UserRole } from '@app/persistence';

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';

/** Roles allowed on a route; routes without it are open to any signed-in user. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);
/** A route reachable without signing in (login, health, patient survey links). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
