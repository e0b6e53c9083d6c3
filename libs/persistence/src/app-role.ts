/**
 * The grants of a least-privilege role for the api and worker (docs/audit-trail.md): everything the app does,
 * but on the audit tables only INSERT / SELECT plus UPDATE of the seal columns (for the sealer). The migrations
 * keep running as the schema owner. Run as the owner after `npm run prepare:db`, e.g.
 *   CREATE ROLE relieftrace_app LOGIN PASSWORD '…';  then each statement of appRoleGrants('relieftrace_app').
 */
export function appRoleGrants(role: string): string[] {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`role "${role}" must be a plain lower-case identifier`);
  return [
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_chain_head FROM ${role}`,
    `GRANT UPDATE (seq, prev_hash, hash, sealed_at) ON audit_log TO ${role}`,
    `GRANT UPDATE ON audit_chain_head TO ${role}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${role}`,
  ];
}
