/** The Clock moved to @app/config so the worker shares it; re-exported so existing imports keep working. */
export { Clock } from '@app/config';
