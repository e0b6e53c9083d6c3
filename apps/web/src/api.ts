/** The browser side of the API: same-origin fetch with the session cookie and the CSRF header for writes. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly errors: Array<{ field: string; problem: string }> = []) {
    super(message);
  }
}

export interface Me { id: string; email: string; name: string; role: 'admin' | 'clinician' | 'analyst'; careTeamIds: string[] }

function csrfToken(): string {
  return /(?:^|;\s*)rt_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
}

let onSessionExpired: () => void = () => undefined;
export function whenSessionExpires(handler: () => void): void {
  onSessionExpired = handler;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = decodeURIComponent(csrfToken());
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (res.status === 401 && !path.endsWith('/auth/login')) {
    onSessionExpired();
    throw new ApiError(401, 'Your session has expired; please sign in again.');
  }
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data.message ?? `Request failed (${res.status})`, data.errors);
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown) => api<T>('POST', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = (path: string) => api<void>('DELETE', path);

/**
 * For views that reload as filters change: each call of the returned function starts a load and gives back a
 * check that is true only while no later load has started, so a slow answer to an older filter is dropped
 * instead of landing over the newer one.
 */
export function newestLoadOnly(): () => () => boolean {
  let latest = 0;
  return () => {
    const mine = ++latest;
    return () => mine === latest;
  };
}
