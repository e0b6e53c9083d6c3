import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Since the stale marks, nothing reads the newest SMS change a patient's analyst facts saw, and the refresh spent a
 * query per batch filling it. Down restores the column (empty: the values are gone) and marks every patient stale,
 * so the next refresh fills it in as the older code expects.
 */
export class AnalyticsDropSmsSeenAt1764180000000 implements MigrationInterface {
  name = 'AnalyticsDropSmsSeenAt1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE analytics_patient DROP COLUMN sms_seen_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE analytics_patient ADD COLUMN sms_seen_at timestamptz`);
    await q.query(`INSERT INTO analytics_stale (patient_id) SELECT patient_id FROM analytics_patient
                   ON CONFLICT (patient_id) DO UPDATE SET version = analytics_stale.version + 1`);
  }
}
