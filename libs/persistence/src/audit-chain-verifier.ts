import type { DataSource } from 'typeorm';
import { AUDIT_CONTENT_SQL, type AuditContentRow, chainHash, contentOf, GENESIS_HASH, headMac, sameBytes } from './audit-chain';

export type ChainProblemKind = 'gap' | 'broken-link' | 'bad-seal' | 'head' | 'anchor';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The audit_log row the problem is found at (null for a missing range or the head). */
  id: string | null;
  seq: string | null;
  message: string;
}

export interface ChainReport {
  sealedRows: number;
  lastSeq: string;
  head: { seq: string; hash: string; updatedAt: string };
  problems: ChainProblem[];
  unsealedRows: number;
  staleUnsealedRows: number;
  oldestUnsealedAt: string | null;
  ok: boolean;
}

export interface VerifyOptions {
  /** Unsealed rows older than this are counted as stale (the sealer is not running, or is failing). */
  staleAfterSeconds?: number;
  pageSize?: number;
  /** Heads recorded elsewhere earlier (the sealer logs one per batch): each must still be in the chain. */
  anchors?: Array<{ seq: string; hash: string }>;
  /** Stops collecting after this many problems (the first is what matters; the rest show the extent). */
  maxProblems?: number;
}

type Row = AuditContentRow & { seq: string; prev_hash: Buffer; hash: Buffer };

/**
 * Walks the chain by seq and recomputes every seal with the key. Finds: an edited row (its seal no longer
 * matches its content), a deleted row (a gap in seq, or the head beyond the last row), a moved or reordered row
 * (its prev_hash no longer names the row before it, or its seq is part of the seal), and a head moved back
 * (its MAC needs the key). After a problem the walk resynchronises on the stored hash, so one edit reports once.
 */
export async function verifyAuditChain(db: Pick<DataSource, 'query'>, key: string, options: VerifyOptions = {}): Promise<ChainReport> {
  const pageSize = options.pageSize ?? 2_000;
  const maxProblems = options.maxProblems ?? 100;
  const problems: ChainProblem[] = [];
  const report = (p: ChainProblem) => {
    if (problems.length < maxProblems) problems.push(p);
  };

  const [head] = (await db.query(`SELECT seq::text AS seq, hash, mac, updated_at FROM audit_chain_head`)) as Array<{ seq: string; hash: Buffer; mac: Buffer | null; updated_at: Date }>;
  if (!head) throw new Error('audit_chain_head is missing: is the database migrated?');

  let expected = 1n;
  let prev = GENESIS_HASH;
  let lastSeq = 0n;
  let lastHash = GENESIS_HASH;
  let sealedRows = 0;
  for (let after = 0n; ; ) {
    const rows = (await db.query(
      `SELECT ${AUDIT_CONTENT_SQL}, a.prev_hash, a.hash FROM audit_log a WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`,
      [after.toString(), pageSize],
    )) as Row[];
    for (const row of rows) {
      const seq = BigInt(row.seq);
      sealedRows++;
      const where = `row id ${row.id} (seq ${row.seq})`;
      // After a gap or a broken link, check the row's own seal against the hash it claims to follow.
      let base = prev;
      if (seq > expected) {
        const range = seq - 1n === expected ? `seq ${expected}` : `seq ${expected}–${seq - 1n}`;
        report({ kind: 'gap', id: null, seq: expected.toString(), message: `${range} missing before ${where}: sealed rows were deleted` });
        base = row.prev_hash;
      } else if (!sameBytes(row.prev_hash, prev)) {
        report({ kind: 'broken-link', id: row.id, seq: row.seq, message: `${where} does not link to the row before it: rows were reordered, moved or inserted` });
        base = row.prev_hash;
      }
      if (!base || base.length !== 32 || !sameBytes(chainHash(key, base, contentOf(row, row.seq)), row.hash)) {
        report({ kind: 'bad-seal', id: row.id, seq: row.seq, message: `${where} does not match its seal: its content or position was edited` });
      }
      prev = row.hash;
      expected = seq + 1n;
      lastSeq = seq;
      lastHash = row.hash;
    }
    if (rows.length < pageSize) break;
    after = lastSeq;
  }

  const headSeq = BigInt(head.seq);
  if (headSeq > lastSeq) {
    const range = headSeq === lastSeq + 1n ? `seq ${headSeq}` : `seq ${lastSeq + 1n}–${headSeq}`;
    report({ kind: 'gap', id: null, seq: (lastSeq + 1n).toString(), message: `${range} missing at the end: the newest sealed rows were deleted` });
  } else if (headSeq < lastSeq) {
    report({ kind: 'head', id: null, seq: head.seq, message: `the chain head says seq ${headSeq} but rows run to seq ${lastSeq}: the head was moved back` });
  } else if (!sameBytes(head.hash, lastHash)) {
    report({ kind: 'head', id: null, seq: head.seq, message: `the chain head's hash is not the hash of seq ${headSeq}` });
  }
  const macOk = headSeq === 0n ? head.mac === null : sameBytes(head.mac, headMac(key, head.seq, head.hash));
  if (!macOk) report({ kind: 'head', id: null, seq: head.seq, message: 'the chain head was altered (its MAC does not match), or AUDIT_CHAIN_KEY is not the key that sealed it' });

  for (const anchor of options.anchors ?? []) {
    const [row] = (await db.query(`SELECT hash FROM audit_log WHERE seq = $1`, [anchor.seq])) as Array<{ hash: Buffer }>;
    if (!row || row.hash.toString('hex') !== anchor.hash.toLowerCase()) {
      report({ kind: 'anchor', id: null, seq: anchor.seq, message: `the recorded head seq ${anchor.seq} ${row ? 'has a different hash now' : 'is gone'}: the chain was rewritten or truncated` });
    }
  }

  const staleAfter = options.staleAfterSeconds ?? 300;
  const [unsealed] = (await db.query(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE occurred_at < now() - make_interval(secs => $1))::int AS stale, min(occurred_at) AS oldest
     FROM audit_log WHERE seq IS NULL`,
    [staleAfter],
  )) as Array<{ n: number; stale: number; oldest: Date | null }>;

  return {
    sealedRows, lastSeq: lastSeq.toString(),
    head: { seq: head.seq, hash: head.hash.toString('hex'), updatedAt: head.updated_at.toISOString() },
    problems, unsealedRows: unsealed.n, staleUnsealedRows: unsealed.stale, oldestUnsealedAt: unsealed.oldest?.toISOString() ?? null,
    ok: problems.length === 0,
  };
}
