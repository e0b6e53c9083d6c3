import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the built web UI lives: dist/web next to the compiled api (dist/apps/api/src → dist/web), or
 * from the sources when running under ts-jest. Null when it has not been built (the API still works).
 */
export function findWebRoot(): string | null {
  const candidates = [join(__dirname, '..', '..', '..', '..', 'web'), join(__dirname, '..', '..', '..', '..', 'dist', 'web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}
