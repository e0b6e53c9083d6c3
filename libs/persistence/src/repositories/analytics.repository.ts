import { Injectable } from '@nestjs/common';
import type { AnalyticsPatientFacts, AnalyticsPatientSource, ClinicalLean, InterventionType, ResponseAssessment, SourceClassification, Target } from '@app/domain';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';

/** What an analyst may narrow the cohort by. Months are 'YYYY-MM-01', both ends inclusive. */
export interface AnalyticsFilter {
  interventionType?: InterventionType;
  target?: Target;
  classification?: SourceClassification;
  fromMonth?: string;
  toMonth?: string;
}

export interface AnalyticsSourceRead {
  source: AnalyticsPatientSource;
  computedAt: Date;
  /** The newest sms_prompt.updated_at of the patient, exactly as Postgres holds it. */
  smsSeenAt: string | null;
}

export interface ExportPatientRow {
  pseudonym: string;
  classification: string | null;
  clinicalLean: string | null;
  episodes: Array<{ sequence: number; type: InterventionType; target: string; diagnostic: boolean; dayFromFirst: number; assessed: boolean; category: string; baseline: number | null; changePct: number | null; confounded: boolean }>;
  observations: Array<{ anchorSequence: number; offsetHours: number; score: number }>;
}

/**
 * The analyst workspace's tables: the worker writes one patient's de-identified facts at a time; every
 * analyst query reads these tables only, never pain_score or patient.
 */
@Injectable()
export class AnalyticsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Patients whose facts are missing or older than their attribution, or whose diary prompts changed since.
   * (A prompt change committed late with an older updated_at can slip by; the next recompute catches it.)
   * Facts built from an attribution newer than `minAgeMs` wait until it is that old, so a patient whose
   * scores keep arriving is rewritten once per interval rather than after every recompute.
   */
  async stalePatients(limit: number, minAgeMs = 0): Promise<string[]> {
    const rows: Array<{ patient_id: string }> = await this.db.query(
      `SELECT a.patient_id FROM attribution a
       LEFT JOIN analytics_patient ap ON ap.patient_id = a.patient_id
       WHERE ap.patient_id IS NULL
          OR (ap.source_computed_at <> a.computed_at AND ap.source_computed_at <= now() - make_interval(secs => $2::float8 / 1000))
          OR EXISTS (SELECT 1 FROM sms_prompt s WHERE s.patient_id = a.patient_id AND s.updated_at > coalesce(ap.sms_seen_at, '-infinity'))
       LIMIT $1`,
      [limit, minAgeMs],
    );
    return rows.map((r) => r.patient_id);
  }

  /** Another worker refreshing the same patient holds the lock: skip rather than wait, it will write the same rows. */
  async tryLockPatient(tx: Tx, patientId: string): Promise<boolean> {
    const [row]: Array<{ locked: boolean }> = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtextextended('analytics:' || $1, 0)) AS locked`, [patientId]);
    return row.locked;
  }

  async loadSource(tx: Tx, patientId: string): Promise<AnalyticsSourceRead | null> {
    const [head]: Array<{ pseudonym: string; created_at: Date; computed_at: Date; classification: SourceClassification; lean: ClinicalLean | null; agrees: boolean | null }> = await tx.query(
      `SELECT p.pseudonym, p.created_at, a.computed_at, a.classification,
              a.payload->'clinicalPicture'->>'lean' AS lean, (a.payload->'clinicalPicture'->>'agreesWithResponse')::boolean AS agrees
       FROM patient p JOIN attribution a ON a.patient_id = p.id WHERE p.id = $1`,
      [patientId],
    );
    if (!head) return null;
    // One after another: a transaction is one connection, which runs one query at a time anyway.
    const interventions: Array<{ id: string; type: InterventionType; performed_at: Date }> = await tx.query(
      `SELECT id, type, performed_at FROM intervention WHERE patient_id = $1`, [patientId]);
    const assessments: Array<{ payload: ResponseAssessment }> = await tx.query(`SELECT payload FROM response_assessment WHERE patient_id = $1`, [patientId]);
    const scores: Array<{ score: number; recorded_at: Date }> = await tx.query(`SELECT score, recorded_at FROM pain_score WHERE patient_id = $1`, [patientId]);
    const prompts: Array<{ intervention_id: string | null; kind: 'baseline' | 'follow_up'; offset_minutes: number | null; sent: boolean; answered: boolean }> =
      await tx.query(
        `SELECT intervention_id, kind, offset_minutes, sent_at IS NOT NULL AS sent, answered_at IS NOT NULL AS answered
         FROM sms_prompt WHERE patient_id = $1 AND kind <> 'reminder'`,
        [patientId],
      );
    // As text, not a Date: updated_at has microseconds, and a millisecond Date would always look older.
    const [{ seen }]: Array<{ seen: string | null }> = await tx.query(`SELECT max(updated_at)::text AS seen FROM sms_prompt WHERE patient_id = $1`, [patientId]);
    return {
      computedAt: head.computed_at,
      smsSeenAt: seen,
      source: {
        pseudonym: head.pseudonym,
        enrolledAt: head.created_at,
        classification: head.classification,
        clinicalLean: head.lean,
        pictureAgrees: head.agrees,
        interventions: interventions.map((i) => ({ id: i.id, type: i.type, performedAt: i.performed_at })),
        assessments: assessments.map((a) => a.payload),
        scores: scores.map((s) => ({ score: s.score, recordedAt: s.recorded_at })),
        prompts: prompts.map((p) => ({ interventionId: p.intervention_id, kind: p.kind, offsetMinutes: p.offset_minutes, sent: p.sent, answered: p.answered })),
      },
    };
  }

  /** Replaces everything stored for the patient (the cascade clears the old rows), in bulk via unnest. */
  async replaceFacts(tx: Tx, patientId: string, facts: AnalyticsPatientFacts, computedAt: Date, smsSeenAt: string | null): Promise<void> {
    await tx.query(`DELETE FROM analytics_patient WHERE patient_id = $1`, [patientId]);
    const p = facts.patient;
    await tx.query(
      `INSERT INTO analytics_patient (patient_id, pseudonym, enrolled_month, classification, clinical_lean, picture_agrees, source_computed_at, sms_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz)`,
      [patientId, p.pseudonym, p.enrolledMonth, p.classification, p.clinicalLean, p.pictureAgrees, computedAt, smsSeenAt],
    );
    const e = facts.episodes;
    if (e.length > 0) {
      await tx.query(
        `INSERT INTO analytics_episode (intervention_id, patient_id, sequence, type_sequence, intervention_type, target, diagnostic, day_from_first, assessed, category, favourable, baseline, change_pct, confounded)
         SELECT u.intervention_id, $1::uuid, u.sequence, u.type_sequence, u.intervention_type, u.target, u.diagnostic, u.day_from_first, u.assessed, u.category, u.favourable, u.baseline, u.change_pct, u.confounded
         FROM unnest($2::uuid[], $3::int[], $4::int[], $5::text[], $6::text[], $7::bool[], $8::int[], $9::bool[], $10::text[], $11::bool[], $12::real[], $13::real[], $14::bool[])
           AS u(intervention_id, sequence, type_sequence, intervention_type, target, diagnostic, day_from_first, assessed, category, favourable, baseline, change_pct, confounded)`,
        [
          patientId, e.map((x) => x.interventionId), e.map((x) => x.sequence), e.map((x) => x.typeSequence), e.map((x) => x.type), e.map((x) => x.target),
          e.map((x) => x.diagnostic), e.map((x) => x.dayFromFirst), e.map((x) => x.assessed), e.map((x) => x.category), e.map((x) => x.favourable),
          e.map((x) => x.baseline), e.map((x) => x.changePct), e.map((x) => x.confounded),
        ],
      );
    }
    const d = facts.days;
    if (d.length > 0) {
      await tx.query(
        `INSERT INTO analytics_episode_day (intervention_id, patient_id, day, mean_pain, scores)
         SELECT u.intervention_id, $1::uuid, u.day, u.mean_pain, u.scores FROM unnest($2::uuid[], $3::smallint[], $4::real[], $5::int[]) AS u(intervention_id, day, mean_pain, scores)`,
        [patientId, d.map((x) => x.interventionId), d.map((x) => x.day), d.map((x) => x.meanPain), d.map((x) => x.scores)],
      );
    }
    const o = facts.observations;
    if (o.length > 0) {
      await tx.query(
        `INSERT INTO analytics_observation (patient_id, n, anchor_sequence, offset_hours, score)
         SELECT $1::uuid, u.n, u.anchor_sequence, u.offset_hours, u.score FROM unnest($2::int[], $3::int[], $4::real[], $5::smallint[]) AS u(n, anchor_sequence, offset_hours, score)`,
        [patientId, o.map((_, i) => i + 1), o.map((x) => x.anchorSequence), o.map((x) => x.offsetHours), o.map((x) => x.score)],
      );
    }
    const s = facts.smsSteps;
    if (s.length > 0) {
      await tx.query(
        `INSERT INTO analytics_sms_step (patient_id, intervention_type, kind, step_minutes, sent, answered)
         SELECT $1::uuid, u.intervention_type, u.kind, u.step_minutes, u.sent, u.answered FROM unnest($2::text[], $3::text[], $4::int[], $5::int[], $6::int[]) AS u(intervention_type, kind, step_minutes, sent, answered)`,
        [patientId, s.map((x) => x.interventionType), s.map((x) => x.kind), s.map((x) => x.stepMinutes), s.map((x) => x.sent), s.map((x) => x.answered)],
      );
    }
  }

  /** Mean of each patient's daily mean pain, per day since the intervention: n, mean and SD across patients. */
  async trajectory(filter: AnalyticsFilter): Promise<Array<{ day: number; n: number; mean: number; sd: number | null }>> {
    const where = new FilterSql(filter);
    return this.db.query(
      `WITH per_patient AS (
         SELECT d.day, d.patient_id, avg(d.mean_pain) AS pain
         FROM analytics_episode_day d
         JOIN analytics_episode e ON e.intervention_id = d.intervention_id
         JOIN analytics_patient p ON p.patient_id = d.patient_id
         WHERE ${where.episodes('e')} AND ${where.patients('p')}
         GROUP BY d.day, d.patient_id)
       SELECT day::int AS day, count(*)::int AS n, avg(pain)::float8 AS mean, stddev_samp(pain)::float8 AS sd
       FROM per_patient GROUP BY day ORDER BY day`,
      where.params,
    );
  }

  /** Per type: patients with an assessed intervention of it, and how many of them responded (their first assessed one counts). */
  async responderCounts(filter: AnalyticsFilter): Promise<Array<{ type: InterventionType; assessed: number; favourable: number }>> {
    const where = new FilterSql(filter);
    return this.db.query(
      `WITH firsts AS (
         SELECT DISTINCT ON (e.patient_id, e.intervention_type) e.intervention_type, e.favourable
         FROM analytics_episode e JOIN analytics_patient p ON p.patient_id = e.patient_id
         WHERE e.assessed AND ${where.episodes('e')} AND ${where.patients('p')}
         ORDER BY e.patient_id, e.intervention_type, e.type_sequence)
       SELECT intervention_type AS type, count(*)::int AS assessed, count(*) FILTER (WHERE favourable)::int AS favourable
       FROM firsts GROUP BY intervention_type ORDER BY intervention_type`,
      where.params,
    );
  }

  /** Patients per attribution class × clinical-picture lean × agreement (patients with a matching intervention when filtered by type or target). */
  async attributionCounts(filter: AnalyticsFilter): Promise<Array<{ classification: string; lean: string; agrees: boolean | null; n: number }>> {
    const where = new FilterSql(filter);
    return this.db.query(
      `SELECT coalesce(p.classification, 'inconclusive') AS classification, coalesce(p.clinical_lean, 'unknown') AS lean, p.picture_agrees AS agrees, count(*)::int AS n
       FROM analytics_patient p
       WHERE ${where.patients('p')}
         AND EXISTS (SELECT 1 FROM analytics_episode e WHERE e.patient_id = p.patient_id AND ${where.episodes('e')})
       GROUP BY 1, 2, 3`,
      where.params,
    );
  }

  /** One bar per patient: % change after their first assessed intervention of the type. */
  async waterfall(filter: AnalyticsFilter & { interventionType: InterventionType }): Promise<Array<{ pseudonym: string; changePct: number; category: string }>> {
    const where = new FilterSql(filter);
    return this.db.query(
      `SELECT DISTINCT ON (e.patient_id) p.pseudonym, e.change_pct::float8 AS "changePct", e.category
       FROM analytics_episode e JOIN analytics_patient p ON p.patient_id = e.patient_id
       WHERE e.assessed AND e.change_pct IS NOT NULL AND ${where.episodes('e')} AND ${where.patients('p')}
       ORDER BY e.patient_id, e.type_sequence`,
      where.params,
    );
  }

  /** Per prompt step: patients prompted, patients who answered at least one prompt, prompts sent and answered. */
  async smsSteps(filter: AnalyticsFilter): Promise<Array<{ kind: 'baseline' | 'follow_up'; stepMinutes: number | null; patients: number; answeringPatients: number; sent: number; answered: number }>> {
    const where = new FilterSql(filter, 's.intervention_type');
    return this.db.query(
      `WITH per_patient AS (
         SELECT s.kind, s.step_minutes, s.patient_id, sum(s.sent) AS sent, sum(s.answered) AS answered
         FROM analytics_sms_step s JOIN analytics_patient p ON p.patient_id = s.patient_id
         WHERE s.sent > 0 AND ${where.episodes('s')} AND ${where.patients('p')}
         GROUP BY s.kind, s.step_minutes, s.patient_id)
       SELECT kind, step_minutes AS "stepMinutes", count(*)::int AS patients, count(*) FILTER (WHERE answered > 0)::int AS "answeringPatients",
              sum(sent)::int AS sent, sum(answered)::int AS answered
       FROM per_patient GROUP BY kind, step_minutes ORDER BY kind, step_minutes NULLS FIRST`,
      where.params,
    );
  }

  async exportSize(filter: AnalyticsFilter): Promise<{ patients: number; episodes: number; allEpisodes: number; observations: number }> {
    const where = new FilterSql(filter);
    const [row] = await this.db.query(
      `WITH cohort AS (
         SELECT p.patient_id FROM analytics_patient p
         WHERE ${where.patients('p')} AND EXISTS (SELECT 1 FROM analytics_episode e WHERE e.patient_id = p.patient_id AND ${where.episodes('e')}))
       SELECT (SELECT count(*) FROM cohort)::int AS patients,
              (SELECT count(*) FROM analytics_episode e WHERE e.patient_id IN (SELECT patient_id FROM cohort) AND ${where.episodes('e')})::int AS episodes,
              (SELECT count(*) FROM analytics_episode e WHERE e.patient_id IN (SELECT patient_id FROM cohort))::int AS "allEpisodes",
              (SELECT count(*) FROM analytics_observation o WHERE o.patient_id IN (SELECT patient_id FROM cohort))::int AS observations`,
      where.params,
    );
    return row;
  }

  /**
   * A page of the export cohort in pseudonym order (keyset pagination, so a large export streams in
   * constant memory): each patient with the matching (or all) interventions and all their timed scores.
   */
  async exportPage(filter: AnalyticsFilter, afterPseudonym: string | null, limit: number, episodes: 'matching' | 'all'): Promise<ExportPatientRow[]> {
    const where = new FilterSql(filter);
    const episodeCondition = episodes === 'all' ? 'true' : where.episodes('e');
    const after = where.param(afterPseudonym ?? '');
    const max = where.param(limit);
    return this.db.query(
      `SELECT p.pseudonym, p.classification, p.clinical_lean AS "clinicalLean",
         (SELECT coalesce(json_agg(json_build_object('sequence', e.sequence, 'type', e.intervention_type, 'target', e.target, 'diagnostic', e.diagnostic,
                   'dayFromFirst', e.day_from_first, 'assessed', e.assessed, 'category', e.category, 'baseline', e.baseline, 'changePct', e.change_pct,
                   'confounded', e.confounded) ORDER BY e.sequence), '[]')
          FROM analytics_episode e WHERE e.patient_id = p.patient_id AND ${episodeCondition}) AS episodes,
         (SELECT coalesce(json_agg(json_build_object('anchorSequence', o.anchor_sequence, 'offsetHours', o.offset_hours, 'score', o.score) ORDER BY o.n), '[]')
          FROM analytics_observation o WHERE o.patient_id = p.patient_id) AS observations
       FROM analytics_patient p
       WHERE ${where.patients('p')} AND p.pseudonym > ${after}
         AND EXISTS (SELECT 1 FROM analytics_episode e WHERE e.patient_id = p.patient_id AND ${where.episodes('e')})
       ORDER BY p.pseudonym LIMIT ${max}`,
      where.params,
    );
  }
}

/** The filter as SQL conditions with numbered parameters; values never enter the SQL text. */
class FilterSql {
  readonly params: unknown[] = [];
  constructor(private readonly filter: AnalyticsFilter, private readonly typeColumn?: string) {}

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  episodes(alias: string): string {
    const conditions = ['true'];
    const typeColumn = this.typeColumn ?? `${alias}.intervention_type`;
    if (this.filter.interventionType) conditions.push(`${typeColumn} = ${this.param(this.filter.interventionType)}`);
    if (this.filter.target) {
      // Step rows carry only the type; its target follows from the catalogue, looked up through the episodes.
      conditions.push(
        this.typeColumn
          ? `${typeColumn} IN (SELECT DISTINCT intervention_type FROM analytics_episode WHERE target = ${this.param(this.filter.target)})`
          : `${alias}.target = ${this.param(this.filter.target)}`,
      );
    }
    return conditions.join(' AND ');
  }

  patients(alias: string): string {
    const conditions = ['true'];
    if (this.filter.classification) conditions.push(`coalesce(${alias}.classification, 'inconclusive') = ${this.param(this.filter.classification)}`);
    if (this.filter.fromMonth) conditions.push(`${alias}.enrolled_month >= ${this.param(this.filter.fromMonth)}::date`);
    if (this.filter.toMonth) conditions.push(`${alias}.enrolled_month <= ${this.param(this.filter.toMonth)}::date`);
    return conditions.join(' AND ');
  }
}
