import type { DataSource } from 'typeorm';
import type { Tx } from './database';
import { PATIENT_ENCRYPTED_COLUMNS, patientAad, type PatientEncryptedColumn } from './entities/patient.entity';
import { FieldCipher } from './field-cipher';

export interface ResealOptions {
  /**
   * 'clear': only rows still holding an identifier in clear (start-up, after the schema migration);
   * 'all': every row — re-encrypts what is not under the active key and recomputes the blind indexes (rotation).
   */
  only: 'clear' | 'all';
  batchSize?: number;
  log?: (line: string) => void;
}

export interface ResealResult {
  scanned: number;
  /** Rows written back. */
  rewritten: number;
  /** Values that were in clear and are now encrypted. */
  encryptedFromClear: number;
  /** Values moved from an older key to the active one. */
  reencrypted: number;
  /** Rows whose phone or MRN blind index changed (PII_INDEX_KEY changed, or it was missing). */
  reindexed: number;
  /** Key ids the table still uses afterwards (an old key may leave PII_KEYS once it is not listed here). */
  keyIdsInUse: string[];
}

type Row = Record<PatientEncryptedColumn, string | null> & { id: string; phone_index: Buffer | null; mrn_index: Buffer | null };

/** The row shape the CHECK constraint patient_identifiers_sealed enforces (migration 1764130000000). */
const SEALED_ROW_SQL = `given_name LIKE 'v1:%' AND family_name LIKE 'v1:%' AND birth_date LIKE 'v1:%'
  AND (mrn IS NULL OR mrn LIKE 'v1:%') AND (phone IS NULL OR phone LIKE 'v1:%')
  AND (phone IS NULL) = (phone_index IS NULL) AND (mrn IS NULL) = (mrn_index IS NULL)`;

/**
 * Brings every patient row to "identifiers encrypted under the active key, blind indexes under the current
 * index key", a batch at a time, each batch in its own transaction with its rows locked. Idempotent: a second
 * run rewrites nothing. Raw SQL on purpose: it must read values the entity transformer would refuse (clear
 * text, other keys).
 */
export async function resealPatientIdentifiers(db: DataSource, cipher: FieldCipher, options: ResealOptions): Promise<ResealResult> {
  const batchSize = options.batchSize ?? 500;
  const result: ResealResult = { scanned: 0, rewritten: 0, encryptedFromClear: 0, reencrypted: 0, reindexed: 0, keyIdsInUse: [] };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db.transaction(async (tx) => {
      const batch: Row[] = await tx.query(
        `SELECT id, ${PATIENT_ENCRYPTED_COLUMNS.join(', ')}, phone_index, mrn_index FROM patient
          WHERE id > $1 ${options.only === 'clear' ? `AND NOT (${SEALED_ROW_SQL})` : ''}
          ORDER BY id LIMIT $2 FOR UPDATE`,
        [after, batchSize],
      );
      for (const row of batch) await resealRow(tx, cipher, row, result);
      return batch;
    });
    result.scanned += rows.length;
    if (rows.length > 0) {
      after = rows[rows.length - 1].id;
      options.log?.(`${result.scanned} patients checked, ${result.rewritten} rewritten`);
    }
    if (rows.length < batchSize) break;
  }
  await validateSealedConstraint(db);
  result.keyIdsInUse = await patientKeyIdsInUse(db);
  return result;
}

async function resealRow(tx: Tx, cipher: FieldCipher, row: Row, result: ResealResult): Promise<void> {
  const next: Partial<Record<PatientEncryptedColumn, string | null>> = {};
  const clear: Partial<Record<PatientEncryptedColumn, string | null>> = {};
  for (const column of PATIENT_ENCRYPTED_COLUMNS) {
    const value = row[column];
    if (value === null) {
      clear[column] = null;
      continue;
    }
    const keyId = FieldCipher.keyIdOf(value);
    if (keyId === null) {
      clear[column] = value;
      next[column] = cipher.encrypt(patientAad(column), value);
      result.encryptedFromClear++;
    } else if (keyId !== cipher.activeKeyId) {
      clear[column] = cipher.decrypt(patientAad(column), value);
      next[column] = cipher.encrypt(patientAad(column), clear[column]!);
      result.reencrypted++;
    } else if (column === 'phone' || column === 'mrn') {
      clear[column] = cipher.decrypt(patientAad(column), value);
    }
  }
  const phoneIndex = cipher.blindIndexOrNull('phone', clear.phone);
  const mrnIndex = cipher.blindIndexOrNull('mrn', clear.mrn);
  const reindex = !sameBytes(phoneIndex, row.phone_index) || !sameBytes(mrnIndex, row.mrn_index);
  if (Object.keys(next).length === 0 && !reindex) return;
  if (reindex) result.reindexed++;
  result.rewritten++;
  const sets = Object.entries(next).map(([column], i) => `${column} = $${i + 4}`);
  await tx.query(`UPDATE patient SET phone_index = $2, mrn_index = $3${sets.map((s) => `, ${s}`).join('')} WHERE id = $1`, [
    row.id, phoneIndex, mrnIndex, ...Object.values(next),
  ]);
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

/** The constraint is added NOT VALID (old rows may be clear until start-up encrypts them); validated once they are not. */
async function validateSealedConstraint(db: DataSource): Promise<void> {
  const [constraint]: Array<{ convalidated: boolean }> = await db.query(
    `SELECT convalidated FROM pg_constraint WHERE conname = 'patient_identifiers_sealed' AND conrelid = 'patient'::regclass`,
  );
  if (constraint && !constraint.convalidated) await db.query(`ALTER TABLE patient VALIDATE CONSTRAINT patient_identifiers_sealed`);
}

export async function patientKeyIdsInUse(db: DataSource): Promise<string[]> {
  const rows: Array<{ key_id: string }> = await db.query(
    `SELECT DISTINCT split_part(v, ':', 2) AS key_id
       FROM patient, unnest(ARRAY[${PATIENT_ENCRYPTED_COLUMNS.join(', ')}]) AS v
      WHERE v LIKE 'v1:%' ORDER BY 1`,
  );
  return rows.map((r) => r.key_id);
}
