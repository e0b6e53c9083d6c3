import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';
import { OutboxEntity } from '../entities';

export type OutboxKind = 'recompute';

/** The newest pending outbox row of a patient: one recompute covers every row up to it. */
export interface PendingRecompute { patientId: string; outboxId: string }

@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DataSource) {}

  async add(tx: Tx, kind: OutboxKind, patientId: string): Promise<void> {
    await tx.getRepository(OutboxEntity).insert({ kind, patientId });
  }

  listForPatient(patientId: string): Promise<OutboxEntity[]> {
    return this.db.getRepository(OutboxEntity).find({ where: { patientId }, order: { id: 'ASC' } });
  }

  /**
   * Claims rows nobody has enqueued yet (SKIP LOCKED: several relays never take the same row), hands them to
   * `enqueue` grouped per patient, and marks enqueued — in the same transaction — the rows of the patients
   * whose job was accepted. A crash before the commit leaves them to be claimed again; a crash after it leaves
   * a job in Redis; a patient whose job was not accepted (one is already queued or running) is offered again.
   */
  async relay(limit: number, enqueue: (pending: PendingRecompute[]) => Promise<Set<string>>): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows: Array<{ id: string; patient_id: string }> = await tx.query(
        `SELECT id, patient_id FROM outbox WHERE enqueued_at IS NULL AND done_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const accepted = await enqueue(newestPerPatient(rows));
      const enqueued = rows.filter((r) => accepted.has(r.patient_id)).map((r) => r.id);
      if (enqueued.length > 0) await tx.query(`UPDATE outbox SET enqueued_at = now() WHERE id = ANY($1::bigint[])`, [enqueued]);
      return enqueued.length;
    });
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

  /** The highest pending row of a patient, or null when nothing is pending. */
  async pendingWatermark(patientId: string, tx: Tx = this.db.manager): Promise<string | null> {
    const [row]: Array<{ id: string | null }> = await tx.query(`SELECT max(id)::text AS id FROM outbox WHERE patient_id = $1 AND done_at IS NULL`, [patientId]);
    return row?.id ?? null;
  }

  /**
   * The pending rows a recompute is about to cover, read before its inputs. Ids are handed out at insert but
   * rows commit in any order, so "every id up to the highest seen" could include a row whose score committed
   * after the inputs were read; the recompute marks exactly these rows done, and a later one stays pending.
   */
  async pendingIds(patientId: string, tx: Tx): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(`SELECT id::text AS id FROM outbox WHERE patient_id = $1 AND done_at IS NULL ORDER BY id`, [patientId]);
    return rows.map((r) => r.id);
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
