import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Append-only audit trail with a keyed hash chain (docs/audit-trail.md).
 *
 * - Rows are inserted unsealed; the worker's sealer later sets seq / prev_hash / hash / sealed_at, once.
 * - A trigger refuses DELETE, TRUNCATE and any UPDATE other than that one-time seal, for every role including
 *   superusers (who would have to disable the trigger explicitly — which audit:verify then catches as a bad seal).
 * - audit_chain_head holds the newest seq and hash with a keyed MAC, so deleting the newest rows shows too.
 * - Where a dedicated least-privilege role `relieftrace_app` exists, its UPDATE / DELETE / TRUNCATE on the audit
 *   tables are revoked too (column UPDATE on the seal columns only, for the sealer).
 */
export class AppendOnlyAuditChain1764140000000 implements MigrationInterface {
  name = 'AppendOnlyAuditChain1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log
      ADD COLUMN seq bigint,
      ADD COLUMN prev_hash bytea,
      ADD COLUMN hash bytea,
      ADD COLUMN sealed_at timestamptz,
      ADD CONSTRAINT audit_log_seq_key UNIQUE (seq),
      ADD CONSTRAINT audit_log_seal_whole CHECK (
        (seq IS NULL AND prev_hash IS NULL AND hash IS NULL AND sealed_at IS NULL)
        OR (seq >= 1 AND length(prev_hash) = 32 AND length(hash) = 32 AND sealed_at IS NOT NULL))`);
    // The sealer's work list, and the admin view's filters by action and time.
    await q.query(`CREATE INDEX audit_log_unsealed_idx ON audit_log (id) WHERE seq IS NULL`);
    await q.query(`CREATE INDEX audit_log_action_idx ON audit_log (action, occurred_at)`);
    await q.query(`CREATE INDEX audit_log_time_idx ON audit_log (occurred_at)`);

    await q.query(`CREATE TABLE audit_chain_head (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      seq bigint NOT NULL CHECK (seq >= 0),
      hash bytea NOT NULL CHECK (length(hash) = 32),
      mac bytea CHECK (length(mac) = 32),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((seq = 0) = (mac IS NULL)))`);
    await q.query(`INSERT INTO audit_chain_head (seq, hash) VALUES (0, '\\x${'00'.repeat(32)}'::bytea)`);

    await q.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL OR NEW.sealed_at IS NOT NULL THEN
            RAISE EXCEPTION 'audit_log rows are inserted unsealed; only the sealer seals them' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END IF;
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'audit_log is append-only: rows cannot be deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.seq IS NOT NULL OR NEW.seq IS NULL
           OR (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash' - 'sealed_at') IS DISTINCT FROM (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash' - 'sealed_at') THEN
          RAISE EXCEPTION 'audit_log is append-only: a row can only be sealed, once' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE FUNCTION audit_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: it cannot be truncated', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate()`);

    await q.query(`CREATE FUNCTION audit_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' AND NOT EXISTS (SELECT 1 FROM audit_chain_head) AND NEW.seq = 0 THEN RETURN NEW; END IF;
        IF TG_OP = 'UPDATE' AND NEW.seq > OLD.seq THEN RETURN NEW; END IF;
        RAISE EXCEPTION 'audit_chain_head only moves forward' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_chain_head_forward_only BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only()`);
    await q.query(`CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate()`);

    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_chain_head FROM PUBLIC`);
    await q.query(`DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'relieftrace_app') THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_chain_head FROM relieftrace_app;
        GRANT SELECT, INSERT ON audit_log TO relieftrace_app;
        GRANT UPDATE (seq, prev_hash, hash, sealed_at) ON audit_log TO relieftrace_app;
        GRANT SELECT, UPDATE ON audit_chain_head TO relieftrace_app;
      END IF;
    END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_chain_head`);
    await q.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`);
    await q.query(`DROP TRIGGER audit_log_append_only ON audit_log`);
    await q.query(`DROP FUNCTION audit_chain_head_forward_only()`);
    await q.query(`DROP FUNCTION audit_refuse_truncate()`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
    await q.query(`DROP INDEX audit_log_time_idx`);
    await q.query(`DROP INDEX audit_log_action_idx`);
    await q.query(`DROP INDEX audit_log_unsealed_idx`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_seal_whole, DROP CONSTRAINT audit_log_seq_key,
      DROP COLUMN sealed_at, DROP COLUMN hash, DROP COLUMN prev_hash, DROP COLUMN seq`);
  }
}
