import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A mark per patient whose analyst facts are behind their record, set by triggers in the transaction that changes
 * the attribution or an SMS prompt. The refresh reads the marks instead of comparing every patient's attribution
 * with their facts — at 100,000 patients that scan took 0.4 s every tick. `version` grows with each change, so a
 * refresh clears only the mark it read and a change made meanwhile stays marked.
 */
export class AnalyticsStaleMarks1764170000000 implements MigrationInterface {
  name = 'AnalyticsStaleMarks1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE analytics_stale (patient_id uuid PRIMARY KEY REFERENCES patient(id) ON DELETE CASCADE, version bigint NOT NULL DEFAULT 1)`);
    await q.query(`
      CREATE FUNCTION mark_analytics_stale() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO analytics_stale AS m (patient_id) VALUES (NEW.patient_id)
          ON CONFLICT (patient_id) DO UPDATE SET version = m.version + 1;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER attribution_marks_analytics_stale AFTER INSERT OR UPDATE ON attribution FOR EACH ROW EXECUTE FUNCTION mark_analytics_stale()`);
    await q.query(`CREATE TRIGGER sms_prompt_marks_analytics_stale AFTER INSERT OR UPDATE ON sms_prompt FOR EACH ROW EXECUTE FUNCTION mark_analytics_stale()`);
    // What the refresh found stale until now, by the comparison it used.
    await q.query(`
      INSERT INTO analytics_stale (patient_id)
      SELECT a.patient_id FROM attribution a LEFT JOIN analytics_patient ap ON ap.patient_id = a.patient_id
       WHERE ap.patient_id IS NULL OR ap.source_computed_at <> a.computed_at
          OR EXISTS (SELECT 1 FROM sms_prompt s WHERE s.patient_id = a.patient_id AND s.updated_at > coalesce(ap.sms_seen_at, '-infinity'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER sms_prompt_marks_analytics_stale ON sms_prompt`);
    await q.query(`DROP TRIGGER attribution_marks_analytics_stale ON attribution`);
    await q.query(`DROP FUNCTION mark_analytics_stale()`);
    await q.query(`DROP TABLE analytics_stale`);
  }
}
