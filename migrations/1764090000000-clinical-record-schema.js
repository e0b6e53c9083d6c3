"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ClinicalRecordSchema1764090000000 = void 0;
class ClinicalRecordSchema1764090000000 {
    name = 'ClinicalRecordSchema1764090000000';
    async up(q) {
        await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
        await q.query(`CREATE TYPE user_role AS ENUM ('admin', 'clinician', 'analyst')`);
        await q.query(`CREATE TYPE index_knee AS ENUM ('left', 'right', 'bilateral')`);
        await q.query(`CREATE TYPE laterality AS ENUM ('left', 'right', 'bilateral')`);
        await q.query(`CREATE TYPE intervention_target AS ENUM ('knee', 'spine', 'systemic')`);
        await q.query(`CREATE TYPE intervention_type AS ENUM (
      'knee_anesthetic_injection', 'knee_corticosteroid_injection', 'knee_hyaluronic_acid', 'knee_prp',
      'genicular_nerve_block', 'knee_arthroscopy', 'pt_quadriceps_strengthening',
      'transforaminal_esi', 'interlaminar_esi', 'caudal_esi', 'selective_nerve_root_block',
      'pt_extension_mobilization', 'lumbar_decompression',
      'oral_nsaid', 'oral_corticosteroid', 'gabapentinoid', 'other')`);
        await q.query(`CREATE TYPE pain_score_source AS ENUM ('sms_link', 'sms_reply', 'clinic', 'api', 'import')`);
        await q.query(`CREATE TABLE care_team (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      created_at timestamptz NOT NULL DEFAULT now())`);
        await q.query(`CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (email = lower(email)),
      name text NOT NULL,
      role user_role NOT NULL,
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      disabled_at timestamptz)`);
        await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (email)`);
        await q.query(`CREATE TABLE care_team_member (
      care_team_id uuid NOT NULL REFERENCES care_team (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      PRIMARY KEY (care_team_id, user_id))`);
        await q.query(`CREATE INDEX care_team_member_user_idx ON care_team_member (user_id)`);
        await q.query(`CREATE TABLE session (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash bytea NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz)`);
        await q.query(`CREATE TABLE patient (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      pseudonym text NOT NULL UNIQUE CHECK (pseudonym ~ '^P-[0-9A-Z]{6}$'),
      given_name text NOT NULL,
      family_name text NOT NULL,
      birth_date date NOT NULL,
      mrn text,
      phone text CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
      timezone text NOT NULL,
      index_knee index_knee NOT NULL,
      sms_consent boolean NOT NULL DEFAULT false,
      sms_opted_out_at timestamptz,
      care_team_id uuid NOT NULL REFERENCES care_team (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
        await q.query(`CREATE INDEX patient_care_team_idx ON patient (care_team_id, family_name, given_name)`);
        await q.query(`CREATE TABLE visit (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
      clinician_id uuid NOT NULL REFERENCES app_user (id),
      occurred_at timestamptz NOT NULL,
      clinic_pain smallint CHECK (clinic_pain BETWEEN 0 AND 10),
      findings jsonb NOT NULL DEFAULT '{}',
      note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
        await q.query(`CREATE INDEX visit_patient_time_idx ON visit (patient_id, occurred_at)`);
        await q.query(`CREATE TABLE intervention (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
      type intervention_type NOT NULL,
      target intervention_target NOT NULL,
      performed_at timestamptz NOT NULL,
      ended_at timestamptz CHECK (ended_at IS NULL OR ended_at >= performed_at),
      laterality laterality,
      spinal_levels text[] NOT NULL DEFAULT '{}',
      agents text[] NOT NULL DEFAULT '{}',
      note text,
      created_by uuid NOT NULL REFERENCES app_user (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT intervention_target_matches_type CHECK (target = CASE
        WHEN type IN ('knee_anesthetic_injection', 'knee_corticosteroid_injection', 'knee_hyaluronic_acid', 'knee_prp',
                      'genicular_nerve_block', 'knee_arthroscopy', 'pt_quadriceps_strengthening') THEN 'knee'::intervention_target
        WHEN type IN ('transforaminal_esi', 'interlaminar_esi', 'caudal_esi', 'selective_nerve_root_block',
                      'pt_extension_mobilization', 'lumbar_decompression') THEN 'spine'::intervention_target
        ELSE 'systemic'::intervention_target END))`);
        await q.query(`CREATE INDEX intervention_patient_time_idx ON intervention (patient_id, performed_at)`);
        await q.query(`CREATE TABLE pain_score (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
      score smallint NOT NULL CHECK (score BETWEEN 0 AND 10),
      recorded_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      source pain_score_source NOT NULL,
      entered_by uuid REFERENCES app_user (id))`);
        await q.query(`CREATE INDEX pain_score_patient_time_idx ON pain_score (patient_id, recorded_at)`);
        await q.query(`CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      actor_user_id uuid,
      actor_kind text NOT NULL,
      action text NOT NULL,
      resource_type text NOT NULL,
      resource_id text,
      patient_id uuid,
      request_id text,
      details jsonb NOT NULL DEFAULT '{}')`);
        await q.query(`CREATE INDEX audit_log_patient_idx ON audit_log (patient_id, occurred_at)`);
        await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, occurred_at)`);
        await q.query(`CREATE TABLE outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('recompute')),
      patient_id uuid REFERENCES patient (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      enqueued_at timestamptz,
      done_at timestamptz)`);
        await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE done_at IS NULL`);
        await q.query(`CREATE TABLE idempotency_record (
      user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
      request_hash text NOT NULL,
      response_status smallint NOT NULL,
      response_body jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, key))`);
    }
    async down(q) {
        for (const table of ['idempotency_record', 'outbox', 'audit_log', 'pain_score', 'intervention', 'visit', 'patient', 'session', 'care_team_member', 'app_user', 'care_team']) {
            await q.query(`DROP TABLE ${table}`);
        }
        for (const type of ['pain_score_source', 'intervention_type', 'intervention_target', 'laterality', 'index_knee', 'user_role']) {
            await q.query(`DROP TYPE ${type}`);
        }
    }
}
exports.ClinicalRecordSchema1764090000000 = ClinicalRecordSchema1764090000000;
//# sourceMappingURL=1764090000000-clinical-record-schema.js.map