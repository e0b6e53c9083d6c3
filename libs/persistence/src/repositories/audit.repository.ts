import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUDIT_CONTENT_SQL, type AuditContentRow, headMac, sealRows } from '../audit-chain';
import type { Tx } from '../database';
import { groupCommit } from '../group-commit';
import { AuditLogEntity, type AuditDetails } from '../entities';

export type AuditEntry = Pick<AuditLogEntity, 'actorUserId' | 'actorKind' | 'action' | 'resourceType' | 'resourceId' | 'patientId' | 'requestId'> & {
  details?: AuditDetails;
};

export interface AuditFilter {
  patientId?: string;
  actorUserId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

export interface AuditRecord {
  id: string;
  occurredAt: Date;
  actorUserId: string | null;
  actorEmail: string | null;
  actorKind: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  requestId: string | null;
  details: AuditDetails;
  seq: string | null;
  hash: string | null;
  sealedAt: Date | null;
}

export interface SealResult {
  sealed: number;
  head: { seq: string; hash: string };
}

/** Arbitrary but fixed: the transaction-scoped advisory lock every sealer takes, so two never fork the chain. */
export const AUDIT_SEAL_LOCK_KEY = 7_364_114_000;

const RECORD_SQL = `a.id::text AS id, a.occurred_at, a.actor_user_id, u.email AS actor_email, a.actor_kind, a.action, a.resource_type,
  a.resource_id, a.patient_id, a.request_id, a.details, a.seq::text AS seq, encode(a.hash, 'hex') AS hash, a.sealed_at
  FROM audit_log a LEFT JOIN app_user u ON u.id = a.actor_user_id`;

interface RecordRow {
  id: string; occurred_at: Date; actor_user_id: string | null; actor_email: string | null; actor_kind: string; action: string; resource_type: string;
  resource_id: string | null; patient_id: string | null; request_id: string | null; details: AuditDetails; seq: string | null; hash: string | null; sealed_at: Date | null;
}

@Injectable()
export class AuditRepository {
  private readonly appendGrouped = groupCommit(
    async (batches: readonly AuditEntry[][]) => {
      await this.db.query(auditInsertSql(1), [auditRowsJson(batches.flat())]);
      return batches.map(() => undefined);
    },
    { maxInFlight: 1, maxBatchSize: 200 },
  );

  constructor(private readonly db: DataSource) {}

  /**
   * The rows of reads, which have no transaction of their own: reads that finish while an insert is at the
   * database share the next one (group commit). Resolves once the rows are stored, so a read is never answered
   * before its audit row exists.
   */
  async appendOutsideTransaction(entries: AuditEntry[]): Promise<void> {
    if (entries.length > 0) await this.appendGrouped(entries);
  }

  /** Inserts unsealed rows (seq / hash stay NULL until the sealer chains them; the database refuses them preset). */
  async append(tx: Tx, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await tx.query(auditInsertSql(1), [auditRowsJson(entries)]);
  }

  /**
   * The audit rows of a change to a patient's record and the outbox row promising its recompute, in one
   * statement: every clinical write pays for both, and on small machines a statement's cost is mostly its round trip.
   */
  async appendWithRecompute(tx: Tx, entries: AuditEntry[], patientId: string): Promise<void> {
    await tx.query(
      `WITH audited AS (${auditInsertSql(1)})
       INSERT INTO outbox (kind, patient_id) VALUES ('recompute', $2)`,
      [auditRowsJson(entries), patientId],
    );
  }

  listForPatient(patientId: string): Promise<AuditLogEntity[]> {
    return this.db.getRepository(AuditLogEntity).find({ where: { patientId }, order: { id: 'ASC' } });
  }

  /**
   * Chains up to `batchSize` committed unsealed rows, in id order, after the current head, in one transaction.
   * The advisory lock (and the head's row lock) serialise sealers; rows still uncommitted are invisible here and
   * are sealed by a later pass, after whatever was sealed meanwhile — the chain's order is seal order.
   */
  async sealPending(key: string, batchSize = 500): Promise<SealResult> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK_KEY]);
      const [head] = (await tx.query(`SELECT seq::text AS seq, hash FROM audit_chain_head FOR UPDATE`)) as Array<{ seq: string; hash: Buffer }>;
      if (!head) throw new Error('audit_chain_head is missing: is the database migrated?');
      const rows = (await tx.query(`SELECT ${AUDIT_CONTENT_SQL} FROM audit_log a WHERE a.seq IS NULL ORDER BY a.id LIMIT $1`, [batchSize])) as AuditContentRow[];
      if (rows.length === 0) return { sealed: 0, head: { seq: head.seq, hash: head.hash.toString('hex') } };
      const links = sealRows(key, head, rows);
      const [{ n }] = (await tx.query(
        `WITH sealed AS (
           UPDATE audit_log a SET seq = l.seq, prev_hash = l.prev_hash, hash = l.hash, sealed_at = now()
           FROM unnest($1::bigint[], $2::bigint[], $3::bytea[], $4::bytea[]) AS l(id, seq, prev_hash, hash)
           WHERE a.id = l.id AND a.seq IS NULL RETURNING 1)
         SELECT count(*)::int AS n FROM sealed`,
        [links.map((l) => l.id), links.map((l) => l.seq), links.map((l) => l.prevHash), links.map((l) => l.hash)],
      )) as Array<{ n: number }>;
      if (n !== links.length) throw new Error(`audit sealer: sealed ${n} of ${links.length} rows; rolled back`);
      const last = links[links.length - 1];
      await tx.query(`UPDATE audit_chain_head SET seq = $1, hash = $2, mac = $3, updated_at = now()`, [last.seq, last.hash, headMac(key, last.seq, last.hash)]);
      return { sealed: n, head: { seq: last.seq, hash: last.hash.toString('hex') } };
    });
  }

  /** Newest first; `beforeId` is the cursor (the last id of the previous page). */
  async search(filter: AuditFilter, limit: number, beforeId?: string): Promise<AuditRecord[]> {
    const params: unknown[] = [];
    const where = filterSql(filter, params);
    if (beforeId !== undefined) where.push(`a.id < $${params.push(beforeId)}::bigint`);
    const rows = (await this.db.query(
      `SELECT ${RECORD_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT $${params.push(limit)}`,
      params,
    )) as RecordRow[];
    return rows.map(toRecord);
  }

  /** Oldest first, page by page (keyset), so an export of any size holds one page in memory. */
  async *exportAll(filter: AuditFilter, pageSize = 1_000): AsyncGenerator<AuditRecord[]> {
    let afterId = '0';
    for (;;) {
      const params: unknown[] = [];
      const where = filterSql(filter, params);
      where.push(`a.id > $${params.push(afterId)}::bigint`);
      const rows = (await this.db.query(`SELECT ${RECORD_SQL} WHERE ${where.join(' AND ')} ORDER BY a.id LIMIT $${params.push(pageSize)}`, params)) as RecordRow[];
      if (rows.length === 0) return;
      yield rows.map(toRecord);
      if (rows.length < pageSize) return;
      afterId = rows[rows.length - 1].id;
    }
  }
}

function filterSql(filter: AuditFilter, params: unknown[]): string[] {
  const where: string[] = [];
  if (filter.patientId) where.push(`a.patient_id = $${params.push(filter.patientId)}::uuid`);
  if (filter.actorUserId) where.push(`a.actor_user_id = $${params.push(filter.actorUserId)}::uuid`);
  // "patient.*" matches every patient action; anything else matches exactly.
  if (filter.action?.endsWith('*')) where.push(`starts_with(a.action, $${params.push(filter.action.slice(0, -1))})`);
  else if (filter.action) where.push(`a.action = $${params.push(filter.action)}`);
  if (filter.from) where.push(`a.occurred_at >= $${params.push(filter.from)}`);
  if (filter.to) where.push(`a.occurred_at <= $${params.push(filter.to)}`);
  return where;
}

function toRecord(r: RecordRow): AuditRecord {
  return {
    id: r.id, occurredAt: r.occurred_at, actorUserId: r.actor_user_id, actorEmail: r.actor_email, actorKind: r.actor_kind, action: r.action,
    resourceType: r.resource_type, resourceId: r.resource_id, patientId: r.patient_id, requestId: r.request_id, details: r.details,
    seq: r.seq, hash: r.hash, sealedAt: r.sealed_at,
  };
}

/**
 * Inserts unsealed audit rows given as one JSON array parameter (`$param`, see auditRowsJson), so one statement
 * serves any number of them — on its own or as a part of a larger statement.
 */
export function auditInsertSql(param: number): string {
  return `INSERT INTO audit_log (actor_user_id, actor_kind, action, resource_type, resource_id, patient_id, request_id, details)
    SELECT r.actor_user_id, r.actor_kind, r.action, r.resource_type, r.resource_id, r.patient_id, r.request_id, coalesce(r.details, '{}')
      FROM jsonb_to_recordset($${param}::jsonb) AS r(actor_user_id uuid, actor_kind text, action text, resource_type text, resource_id text, patient_id uuid, request_id text, details jsonb)`;
}

export function auditRowsJson(entries: AuditEntry[]): string {
  return JSON.stringify(entries.map((e) => ({
    actor_user_id: e.actorUserId, actor_kind: e.actorKind, action: e.action, resource_type: e.resourceType, resource_id: e.resourceId,
    patient_id: e.patientId, request_id: e.requestId, details: e.details ?? {},
  })));
}
