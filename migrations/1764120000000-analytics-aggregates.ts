import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * De-identified facts for the analyst workspace, refreshed per patient by the worker after each recompute.
 * They hold pseudonyms, relative days and the enrolment month (for filtering) — never names, phones, MRNs,
 * birth dates or exact times — so the analyst views and exports cannot leak what these tables do not hold.
 */
export class AnalyticsAggregates1764120000000 implements MigrationInterface {
  name = 'AnalyticsAggregates1764120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE analytics_patient (
      patient_id uuid PRIMARY KEY REFERENCES patient (id) ON DELETE CASCADE,
      pseudonym text NOT NULL,
      enrolled_month date NOT NULL CHECK (extract(day FROM enrolled_month) = 1),
      classification text,
      clinical_lean text,
      picture_agrees boolean,
      source_computed_at timestamptz NOT NULL,
      sms_seen_at timestamptz,
      refreshed_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX analytics_patient_pseudonym_idx ON analytics_patient (pseudonym)`);

    await q.query(`CREATE TABLE analytics_episode (
      intervention_id uuid PRIMARY KEY,
      patient_id uuid NOT NULL REFERENCES analytics_patient (patient_id) ON DELETE CASCADE,
      sequence integer NOT NULL,
      type_sequence integer NOT NULL,
      intervention_type text NOT NULL,
      target text NOT NULL,
      diagnostic boolean NOT NULL,
      day_from_first integer NOT NULL,
      assessed boolean NOT NULL,
      category text NOT NULL,
      favourable boolean,
      baseline real,
      change_pct real,
      confounded boolean NOT NULL)`);
    await q.query(`CREATE INDEX analytics_episode_patient_idx ON analytics_episode (patient_id, sequence)`);
    await q.query(`CREATE INDEX analytics_episode_type_idx ON analytics_episode (intervention_type, patient_id)`);

    await q.query(`CREATE TABLE analytics_episode_day (
      intervention_id uuid NOT NULL REFERENCES analytics_episode (intervention_id) ON DELETE CASCADE,
      patient_id uuid NOT NULL,
      day smallint NOT NULL,
      mean_pain real NOT NULL CHECK (mean_pain BETWEEN 0 AND 10),
      scores integer NOT NULL,
      PRIMARY KEY (intervention_id, day))`);
    await q.query(`CREATE INDEX analytics_episode_day_day_idx ON analytics_episode_day (day)`);

    await q.query(`CREATE TABLE analytics_observation (
      patient_id uuid NOT NULL REFERENCES analytics_patient (patient_id) ON DELETE CASCADE,
      n integer NOT NULL,
      anchor_sequence integer NOT NULL,
      offset_hours real NOT NULL,
      score smallint NOT NULL CHECK (score BETWEEN 0 AND 10),
      PRIMARY KEY (patient_id, n))`);

    await q.query(`CREATE TABLE analytics_sms_step (
      patient_id uuid NOT NULL REFERENCES analytics_patient (patient_id) ON DELETE CASCADE,
      intervention_type text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('baseline', 'follow_up')),
      step_minutes integer,
      sent integer NOT NULL,
      answered integer NOT NULL CHECK (answered <= sent))`);
    await q.query(`CREATE INDEX analytics_sms_step_patient_idx ON analytics_sms_step (patient_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['analytics_sms_step', 'analytics_observation', 'analytics_episode_day', 'analytics_episode', 'analytics_patient']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
