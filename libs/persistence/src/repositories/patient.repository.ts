import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Tx } from '../database';
import { PatientEntity, patientAad } from '../entities';
import { FieldCipher } from '../field-cipher';

export interface PatientPageCursor { familyName: string; givenName: string; id: string }

/** What a clinician scans in the patient list: the latest score, the latest intervention, the current answer. */
export interface PatientSummaryRow {
  patientId: string;
  lastScore: number | null;
  lastScoreAt: Date | null;
  lastInterventionAt: Date | null;
  classification: string | null;
  probability: number | null;
  /** Diary questions sent in the last 14 days that got no answer (reminders not counted twice). */
  unansweredPrompts: number;
}

/** The list order: family name, given name (a locale-aware collation), then id. */
const collator = new Intl.Collator('en', { sensitivity: 'variant' });
function comparePatients(a: PatientPageCursor, b: PatientPageCursor): number {
  return collator.compare(a.familyName, b.familyName) || collator.compare(a.givenName, b.givenName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Case- and accent-insensitive form for substring search ("hernandez" finds "Hernández"). */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');
}

@Injectable()
export class PatientRepository {
  constructor(
    private readonly db: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  /** Identifiers are encrypted by the entity's column transformers; the blind indexes are computed here. */
  async insert(tx: Tx, patient: Omit<PatientEntity, 'id' | 'createdAt' | 'updatedAt' | 'smsOptedOutAt' | 'phoneIndex' | 'mrnIndex'>): Promise<PatientEntity> {
    const repo = tx.getRepository(PatientEntity);
    const saved = await repo.save(repo.create({ ...patient, ...this.blindIndexes(patient) }));
    delete saved.phoneIndex;
    delete saved.mrnIndex;
    return saved;
  }

  pseudonymTaken(tx: Tx, pseudonym: string): Promise<boolean> {
    return tx.getRepository(PatientEntity).existsBy({ pseudonym });
  }

  /** The patient when one of the user's care teams holds it; otherwise null, exactly as for an unknown id. */
  async isInCareTeams(patientId: string, careTeamIds: string[], tx: Tx = this.db.manager): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM patient WHERE id = $1 AND care_team_id = ANY($2::uuid[])`, [patientId, careTeamIds]);
    return rows.length > 0;
  }

  findForUser(userId: string, patientId: string, tx: Tx = this.db.manager): Promise<PatientEntity | null> {
    return tx
      .getRepository(PatientEntity)
      .createQueryBuilder('p')
      .innerJoin('care_team_member', 'm', 'm.care_team_id = p.care_team_id AND m.user_id = :userId', { userId })
      .where('p.id = :patientId', { patientId })
      .getOne();
  }

  /**
   * One page of the user's patients in (family name, given name, id) order, optionally filtered by a search:
   * part of a name (case- and accent-insensitive), a whole MRN (via its blind index) or part of a pseudonym.
   * Names are encrypted, so neither the order nor the name filter can run in SQL: this reads the id, pseudonym,
   * names and MRN index of every patient in the user's care teams, decrypts the names, sorts and filters here,
   * then loads the page. Linear in the care teams' size — fine for thousands of patients per team (see README).
   */
  async pageForUser(userId: string, opts: { search?: string; limit: number; after?: PatientPageCursor }): Promise<PatientEntity[]> {
    const rows: Array<{ id: string; pseudonym: string; given_name: string; family_name: string; mrn_index: Buffer | null }> = await this.db.query(
      `SELECT p.id, p.pseudonym, p.given_name, p.family_name, p.mrn_index FROM patient p
        WHERE p.care_team_id IN (SELECT m.care_team_id FROM care_team_member m WHERE m.user_id = $1)`,
      [userId],
    );
    let candidates = rows.map((r) => ({
      id: r.id, pseudonym: r.pseudonym, mrnIndex: r.mrn_index,
      givenName: this.cipher.decrypt(patientAad('given_name'), r.given_name), familyName: this.cipher.decrypt(patientAad('family_name'), r.family_name),
    }));
    if (opts.search) {
      const needle = fold(opts.search);
      const pseudonym = opts.search.toUpperCase();
      const mrnIndex = this.cipher.blindIndex('mrn', opts.search);
      candidates = candidates.filter(
        (p) =>
          fold(`${p.givenName} ${p.familyName}`).includes(needle) || fold(`${p.familyName} ${p.givenName}`).includes(needle) ||
          p.pseudonym.includes(pseudonym) || (p.mrnIndex !== null && p.mrnIndex.equals(mrnIndex)),
      );
    }
    const after = opts.after;
    const page = candidates
      .filter((p) => !after || comparePatients(p, after) > 0)
      .sort(comparePatients)
      .slice(0, opts.limit);
    if (page.length === 0) return [];
    const loaded = new Map((await this.db.getRepository(PatientEntity).findBy({ id: In(page.map((p) => p.id)) })).map((p) => [p.id, p]));
    return page.map((p) => loaded.get(p.id)).filter((p): p is PatientEntity => p !== undefined);
  }

  async summaries(patientIds: string[], now: Date): Promise<PatientSummaryRow[]> {
    if (patientIds.length === 0) return [];
    return this.db.query(
      `SELECT p.id AS "patientId", s.score AS "lastScore", s.recorded_at AS "lastScoreAt",
              (SELECT max(i.performed_at) FROM intervention i WHERE i.patient_id = p.id AND i.performed_at <= $2) AS "lastInterventionAt",
              a.classification::text AS classification, a.probability,
              (SELECT count(*)::int FROM sms_prompt q
                WHERE q.patient_id = p.id AND q.kind <> 'reminder' AND q.sent_at > $2::timestamptz - interval '14 days' AND q.answered_at IS NULL) AS "unansweredPrompts"
         FROM patient p
         LEFT JOIN LATERAL (SELECT score, recorded_at FROM pain_score WHERE patient_id = p.id ORDER BY recorded_at DESC LIMIT 1) s ON true
         LEFT JOIN attribution a ON a.patient_id = p.id
        WHERE p.id = ANY($1::uuid[])`,
      [patientIds, now],
    );
  }

  async update(tx: Tx, id: string, changes: Partial<Omit<PatientEntity, 'phoneIndex' | 'mrnIndex'>>): Promise<void> {
    await tx.getRepository(PatientEntity).update({ id }, { ...changes, ...this.blindIndexes(changes) });
  }

  /** The blind indexes of whichever of phone and MRN the values carry (a key left out stays untouched). */
  private blindIndexes(values: Partial<Pick<PatientEntity, 'phone' | 'mrn'>>): Partial<Pick<PatientEntity, 'phoneIndex' | 'mrnIndex'>> {
    const out: Partial<Pick<PatientEntity, 'phoneIndex' | 'mrnIndex'>> = {};
    if (values.phone !== undefined) out.phoneIndex = this.cipher.blindIndexOrNull('phone', values.phone);
    if (values.mrn !== undefined) out.mrnIndex = this.cipher.blindIndexOrNull('mrn', values.mrn);
    return out;
  }
}
