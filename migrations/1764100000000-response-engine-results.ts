import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stored outputs of the response engine: one assessment per intervention, one attribution per patient. */
export class ResponseEngineResults1764100000000 implements MigrationInterface {
  name = 'ResponseEngineResults1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE attribution_classification AS ENUM ('knee', 'spine', 'mixed', 'neither', 'inconclusive')`);
    await q.query(`CREATE TABLE response_assessment (
      intervention_id uuid PRIMARY KEY REFERENCES intervention (id) ON DELETE CASCADE,
      patient_id uuid NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
      category text NOT NULL,
      payload jsonb NOT NULL,
      algorithm_version text NOT NULL,
      computed_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX response_assessment_patient_idx ON response_assessment (patient_id)`);
    await q.query(`CREATE TABLE attribution (
      patient_id uuid PRIMARY KEY REFERENCES patient (id) ON DELETE CASCADE,
      classification attribution_classification NOT NULL,
      probability double precision NOT NULL CHECK (probability BETWEEN 0 AND 1),
      payload jsonb NOT NULL,
      algorithm_version text NOT NULL,
      computed_at timestamptz NOT NULL,
      inputs_up_to timestamptz,
      input_watermark bigint NOT NULL,
      score_count integer NOT NULL,
      intervention_count integer NOT NULL)`);
    await q.query(`CREATE INDEX outbox_patient_pending_idx ON outbox (patient_id, id) WHERE done_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_patient_pending_idx`);
    await q.query(`DROP TABLE attribution`);
    await q.query(`DROP TABLE response_assessment`);
    await q.query(`DROP TYPE attribution_classification`);
  }
}
