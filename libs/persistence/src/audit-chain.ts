import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The audit chain's maths, shared by the sealer (worker) and `npm run audit:verify`:
 *   hash(n) = HMAC-SHA256(AUDIT_CHAIN_KEY, hash(n-1) || canonicalJson(content(n)))
 * with hash(0) = 32 zero bytes. The key never reaches the database, so someone with only database access can
 * edit a row but cannot compute the hash that would hide the edit.
 */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/** The columns a seal covers, in the text form both sides read them in (see AUDIT_CONTENT_SQL). */
export interface AuditChainContent {
  seq: string;
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorKind: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  requestId: string | null;
  details: unknown;
}

/**
 * The SELECT list that reads a row's sealed content: bigints as text (no float rounding), the time to the
 * microsecond in UTC (a JS Date would drop microseconds, so an edit of them would go unnoticed).
 */
export const AUDIT_CONTENT_SQL = `a.seq::text AS seq, a.id::text AS id,
  to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  a.actor_user_id::text AS actor_user_id, a.actor_kind, a.action, a.resource_type, a.resource_id,
  a.patient_id::text AS patient_id, a.request_id, a.details`;

export interface AuditContentRow {
  seq: string | null;
  id: string;
  occurred_at: string;
  actor_user_id: string | null;
  actor_kind: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  patient_id: string | null;
  request_id: string | null;
  details: unknown;
}

export function contentOf(row: AuditContentRow, seq: string): AuditChainContent {
  return {
    seq, id: row.id, occurredAt: row.occurred_at, actorUserId: row.actor_user_id, actorKind: row.actor_kind, action: row.action,
    resourceType: row.resource_type, resourceId: row.resource_id, patientId: row.patient_id, requestId: row.request_id, details: row.details,
  };
}

/**
 * Deterministic JSON: object keys sorted (by UTF-16 code units) at every depth, no whitespace, arrays kept in
 * order, strings and numbers as JSON.stringify writes them. Undefined, functions, symbols, bigints and
 * non-finite numbers are refused rather than silently dropped, so two different rows never serialise alike.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      if (value instanceof Date) throw new TypeError('canonicalJson: read times as text, not Date');
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`);
  }
}

export function chainHash(key: string | Buffer, prevHash: Buffer, content: AuditChainContent): Buffer {
  if (prevHash.length !== 32) throw new RangeError('prevHash must be 32 bytes');
  return createHmac('sha256', key).update(prevHash).update(canonicalJson(content), 'utf8').digest();
}

/** Authenticates the chain head (last seq and hash), so moving it back after deleting the newest rows needs the key. */
export function headMac(key: string | Buffer, seq: string, hash: Buffer): Buffer {
  return createHmac('sha256', key).update(`audit-chain-head:${seq}:`, 'utf8').update(hash).digest();
}

export function sameBytes(a: Buffer | null | undefined, b: Buffer | null | undefined): boolean {
  return !!a && !!b && a.length === b.length && timingSafeEqual(a, b);
}

export interface SealedLink {
  id: string;
  seq: string;
  prevHash: Buffer;
  hash: Buffer;
}

/** Seals rows (already in chain order) after the head: consecutive seq numbers, each hash over the previous. */
export function sealRows(key: string | Buffer, head: { seq: string; hash: Buffer }, rows: AuditContentRow[]): SealedLink[] {
  let seq = BigInt(head.seq);
  let prev = head.hash;
  return rows.map((row) => {
    seq += 1n;
    const hash = chainHash(key, prev, contentOf(row, seq.toString()));
    const link = { id: row.id, seq: seq.toString(), prevHash: prev, hash };
    prev = hash;
    return link;
  });
}
