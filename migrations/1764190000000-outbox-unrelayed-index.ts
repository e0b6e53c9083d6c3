import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relay's index covered every pending row (`done_at IS NULL`), so it also matched the per-patient look for
 * pending rows; when the statistics last saw no pending rows the planner rated both partial indexes alike and took
 * this one, filtering every pending row of every patient — 1.2 ms and 400 buffers a look at 100,000 patients
 * (bench/explain/recompute.txt), paid by each recompute and each GET of an attribution. Narrowed to what only the
 * relay asks for (rows not yet handed to the queue), the per-patient look can only use the patient index.
 */
export class OutboxUnrelayedIndex1764190000000 implements MigrationInterface {
  name = 'OutboxUnrelayedIndex1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX outbox_unrelayed_idx ON outbox (id) WHERE enqueued_at IS NULL AND done_at IS NULL`);
    await q.query(`DROP INDEX outbox_pending_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE done_at IS NULL`);
    await q.query(`DROP INDEX outbox_unrelayed_idx`);
  }
}
