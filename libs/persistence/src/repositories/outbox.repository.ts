import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';
import { OutboxEntity } from '../entities';

/** The newest pending outbox row of a patient: one recompute covers every row up to it. */
export interface PendingRecompute { patientId: string; outboxId: string }

@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DataSource) {}

  listForPatient(patientId: string): Promise<OutboxEntity[]> {
    return this.db.getRepository(OutboxEntity).find({ where: { patientId }, order: { id: 'ASC' } });
  }

  /**
   * Claims rows nobody has enqueued yet and hands them to `enqueue` grouped per patient. The claim (marking
   * them enqueued; SKIP LOCKED, so several relays never take the same row) commits before Redis is called:
   * a row lock held across Redis round trips would make every recompute that covers the row wait for them.
   * When `enqueue` fails the rows are released for the next pass; a crash between the claim and the enqueue
   * leaves rows that look enqueued but have no job, which the sweeper re-offers (`overdue`), as it does when
   * Redis forgets a job.
   */
  async relay(limit: number, enqueue: (pending: PendingRecompute[]) => Promise<void>): Promise<number> {
    const [rows]: [Array<{ id: string; patient_id: string }>, number] = await this.db.query(
      `UPDATE outbox SET enqueued_at = now()
        WHERE id IN (SELECT id FROM outbox WHERE enqueued_at IS NULL AND done_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id::text AS id, patient_id`,
      [limit],
    );
    if (rows.length === 0) return 0;
    try {
      await enqueue(newestPerPatient(rows));
    } catch (error) {
      // A row a recompute is marking done right now is skipped, not waited for: it needs no job either way.
      await this.db.query(
        `UPDATE outbox SET enqueued_at = NULL
          WHERE id IN (SELECT id FROM outbox WHERE id = ANY($1::bigint[]) AND done_at IS NULL FOR UPDATE SKIP LOCKED)`,
        [rows.map((r) => r.id)],
      );
      throw error;
    }
    return rows.length;
  }

  /** Patients with rows enqueued long ago but still not done: their job may have vanished with Redis. */
  async overdue(olderThanMs: number, limit: number): Promise<PendingRecompute[]> {
    const rows: Array<{ id: string; patient_id: string }> = await this.db.query(
      `SELECT max(id)::text AS id, patient_id FROM outbox
        WHERE done_at IS NULL AND enqueued_at < now() - make_interval(secs => $1::float8 / 1000)
        GROUP BY patient_id ORDER BY min(id) LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map((r) => ({ patientId: r.patient_id, outboxId: r.id }));
  }

  /**
   * Deletes those of the `limit` oldest done rows that were done longer than `olderThanMs` ago; returns how many.
   * Only the oldest are looked at: rows are done in about the order they arrive, so when these are too young the rest
   * are too — and a scan for old enough rows among all of them read every done row of the retention window at each
   * sweep (110 ms at 440,000 rows in the bench, 4 ms now), all day long on a new or busy system.
   */
  async pruneDone(olderThanMs: number, limit: number): Promise<number> {
    const [, deleted]: [unknown, number] = await this.db.query(
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM (SELECT id, done_at FROM outbox WHERE done_at IS NOT NULL ORDER BY id LIMIT $2) oldest
          WHERE done_at < now() - make_interval(secs => $1::float8 / 1000))`,
      [olderThanMs, limit],
    );
    return deleted;
  }

  /**
   * The clinical side's state in one statement: how long the oldest pending row has waited (0 when nothing is
   * pending), and how long ago the newest row arrived (null when the outbox is empty) — under a steady stream of
   * scores nothing may be pending at a given instant, yet the next recompute is a few milliseconds away.
   */
  async clinicalActivity(): Promise<{ oldestPendingMs: number; sinceNewestMs: number | null }> {
    const [row]: Array<{ waited: number; since_newest: number | null }> = await this.db.query(
      `SELECT coalesce(extract(epoch FROM now() - (SELECT min(created_at) FROM outbox WHERE done_at IS NULL)) * 1000, 0)::float8 AS waited,
              (SELECT extract(epoch FROM now() - created_at) * 1000 FROM outbox ORDER BY id DESC LIMIT 1)::float8 AS since_newest`,
    );
    return { oldestPendingMs: row.waited, sinceNewestMs: row.since_newest };
  }

  /** The highest pending row of a patient, or null when nothing is pending. */
  async pendingWatermark(patientId: string, tx: Tx = this.db.manager): Promise<string | null> {
    const [row]: Array<{ id: string | null }> = await tx.query(`SELECT max(id)::text AS id FROM outbox WHERE patient_id = $1 AND done_at IS NULL`, [patientId]);
    return row?.id ?? null;
  }

  async markDone(tx: Tx, ids: string[]): Promise<void> {
    await tx.query(`UPDATE outbox SET done_at = now(), enqueued_at = coalesce(enqueued_at, now()) WHERE id = ANY($1::bigint[]) AND done_at IS NULL`, [ids]);
  }
}

function newestPerPatient(rows: Array<{ id: string; patient_id: string }>): PendingRecompute[] {
  const newest = new Map<string, string>();
  for (const row of rows) {
    const seen = newest.get(row.patient_id);
    if (!seen || BigInt(row.id) > BigInt(seen)) newest.set(row.patient_id, row.id);
  }
  return [...newest].map(([patientId, outboxId]) => ({ patientId, outboxId }));
}
