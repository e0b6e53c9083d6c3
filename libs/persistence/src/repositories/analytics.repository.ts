import { Injectable } from '@nestjs/common';
import { INTERVENTION_CATALOGUE, type AnalyticsPatientFacts, type AnalyticsPatientSource, type ClinicalLean, type InterventionType, type ResponseAssessment, type SourceClassification, type Target } from '@app/domain';
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

/** A patient whose analyst facts are behind, and the version of the mark as it was read. */
export interface StaleMark {
  patientId: string;
  version: string;
}

export interface AnalyticsSourceRead {
  source: AnalyticsPatientSource;
  /** The attribution's computed_at, stored with the facts as their provenance. */
  computedAt: Date;
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
   * Patients whose facts are behind their record (marked by the triggers of migration 1764170000000), with the mark
   * each was read at, leaving out those refreshed less than `minAgeMs` ago: their marks wait for a later tick.
   */
  async stalePatients(limit: number, minAgeMs = 0): Promise<StaleMark[]> {
    const rows: Array<{ patient_id: string; version: string }> = await this.db.query(
      `SELECT m.patient_id, m.version::text AS version FROM analytics_stale m
         JOIN attribution a ON a.patient_id = m.patient_id
         LEFT JOIN analytics_patient ap ON ap.patient_id = m.patient_id
        WHERE ap.patient_id IS NULL OR ap.refreshed_at <= now() - make_interval(secs => $2::float8 / 1000)
        LIMIT $1`,
      [limit, minAgeMs],
    );
    return rows.map((r) => ({ patientId: r.patient_id, version: r.version }));
  }

  /** Clears marks the refresh has dealt with; a mark whose version moved on (a change since it was read) stays. */
  async clearStale(marks: StaleMark[]): Promise<void> {
    if (marks.length === 0) return;
    // A mark a recompute is writing right now is skipped, not waited for: it is getting a new version, which this
    // clear would not match anyway — and never waiting cannot deadlock with a recompute batch setting several marks.
    // Both scans are bound to the ids by `= ANY`: without it the planner scanned every mark once per mark (a
    // semi-join over the locking subquery): 3 s for a 2-patient clear with 1,700 marks at 100,000 patients.
    await this.db.query(
      `DELETE FROM analytics_stale WHERE patient_id = ANY($1::uuid[]) AND patient_id IN (
         SELECT m.patient_id FROM analytics_stale m JOIN unnest($1::uuid[], $2::bigint[]) AS r(patient_id, version) ON m.patient_id = r.patient_id AND m.version = r.version
          WHERE m.patient_id = ANY($1::uuid[])
         FOR UPDATE OF m SKIP LOCKED)`,
      [marks.map((m) => m.patientId), marks.map((m) => m.version)],
    );
  }

  /** How many patients' facts are behind, refreshed recently or not (the backlog). */
  async staleCount(): Promise<number> {
    const [row]: Array<{ n: number }> = await this.db.query(`SELECT count(*)::int AS n FROM analytics_stale m JOIN attribution a ON a.patient_id = m.patient_id`);
    return row.n;
  }

  /** The subset of these patients this transaction could lock (the others are being refreshed elsewhere). */
  async tryLockPatients(tx: Tx, patientIds: string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT id FROM unnest($1::uuid[]) AS id WHERE pg_try_advisory_xact_lock(hashtextextended('analytics:' || id, 0))`,
      [patientIds],
    );
    return rows.map((r) => r.id);
  }

  /** Several patients' sources in six queries (one per table), whatever their number; patients without an attribution are left out. */
  async loadSources(tx: Tx, patientIds: string[]): Promise<Map<string, AnalyticsSourceRead>> {
    const heads: Array<{ id: string; pseudonym: string; created_at: Date; computed_at: Date; classification: SourceClassification; lean: ClinicalLean | null; agrees: boolean | null }> = await tx.query(
      `SELECT p.id, p.pseudonym, p.created_at, a.computed_at, a.classification,
              a.payload->'clinicalPicture'->>'lean' AS lean, (a.payload->'clinicalPicture'->>'agreesWithResponse')::boolean AS agrees
       FROM patient p JOIN attribution a ON a.patient_id = p.id WHERE p.id = ANY($1::uuid[])`,
      [patientIds],
    );
    const out = new Map<string, AnalyticsSourceRead>();
    if (heads.length === 0) return out;
    const ids = heads.map((h) => h.id);
    // One after another: a transaction is one connection, which runs one query at a time anyway.
    const interventions: Array<{ patient_id: string; id: string; type: InterventionType; performed_at: Date }> = await tx.query(
      `SELECT patient_id, id, type, performed_at FROM intervention WHERE patient_id = ANY($1::uuid[])`, [ids]);
    const assessments: Array<{ patient_id: string; payload: ResponseAssessment }> = await tx.query(
      `SELECT patient_id, payload FROM response_assessment WHERE patient_id = ANY($1::uuid[])`, [ids]);
    const scores: Array<{ patient_id: string; score: number; recorded_at: Date }> = await tx.query(
      `SELECT patient_id, score, recorded_at FROM pain_score WHERE patient_id = ANY($1::uuid[])`, [ids]);
    const prompts: Array<{ patient_id: string; intervention_id: string | null; kind: 'baseline' | 'follow_up'; offset_minutes: number | null; sent: boolean; answered: boolean }> =
      await tx.query(
        `SELECT patient_id, intervention_id, kind, offset_minutes, sent_at IS NOT NULL AS sent, answered_at IS NOT NULL AS answered
         FROM sms_prompt WHERE patient_id = ANY($1::uuid[]) AND kind <> 'reminder'`,
        [ids],
      );
    const group = <T extends { patient_id: string }>(rows: T[]) => {
      const by = new Map<string, T[]>();
      for (const r of rows) {
        const list = by.get(r.patient_id);
        if (list) list.push(r);
        else by.set(r.patient_id, [r]);
      }
      return (id: string) => by.get(id) ?? [];
    };
    const [ivOf, asOf, scOf, prOf] = [group(interventions), group(assessments), group(scores), group(prompts)];
    for (const head of heads) {
      out.set(head.id, {
        computedAt: head.computed_at,
        source: {
          pseudonym: head.pseudonym,
          enrolledAt: head.created_at,
          classification: head.classification,
          clinicalLean: head.lean,
          pictureAgrees: head.agrees,
          interventions: ivOf(head.id).map((i) => ({ id: i.id, type: i.type, performedAt: i.performed_at })),
          assessments: asOf(head.id).map((a) => a.payload),
          scores: scOf(head.id).map((s) => ({ score: s.score, recordedAt: s.recorded_at })),
          prompts: prOf(head.id).map((p) => ({ interventionId: p.intervention_id, kind: p.kind, offsetMinutes: p.offset_minutes, sent: p.sent, answered: p.answered })),
        },
      });
    }
    return out;
  }

  /**
   * Replaces everything stored for these patients (the cascade clears the old rows) in bulk via unnest, and moves
   * the rollup cells by the difference between the patients' new and old contributions — read before and after,
   * applied in one ordered upsert per rollup table, so concurrent refreshes lock cells in the same order.
   */
  async replaceFactsMany(tx: Tx, items: Array<{ patientId: string; facts: AnalyticsPatientFacts; computedAt: Date }>): Promise<void> {
    if (items.length === 0) return;
    const ids = items.map((i) => i.patientId);
    const before = await this.contributions(tx, ids);
    await tx.query(`DELETE FROM analytics_patient WHERE patient_id = ANY($1::uuid[])`, [ids]);
    await tx.query(
      `INSERT INTO analytics_patient (patient_id, pseudonym, enrolled_month, classification, clinical_lean, picture_agrees, source_computed_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[], $5::text[], $6::bool[], $7::timestamptz[])`,
      [
        ids, items.map((i) => i.facts.patient.pseudonym), items.map((i) => i.facts.patient.enrolledMonth), items.map((i) => i.facts.patient.classification),
        items.map((i) => i.facts.patient.clinicalLean), items.map((i) => i.facts.patient.pictureAgrees), items.map((i) => i.computedAt),
      ],
    );
    const e = items.flatMap((i) => i.facts.episodes.map((x) => ({ ...x, patientId: i.patientId })));
    if (e.length > 0) {
      await tx.query(
        `INSERT INTO analytics_episode (intervention_id, patient_id, sequence, type_sequence, intervention_type, target, diagnostic, day_from_first, assessed, category, favourable, baseline, change_pct, confounded)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::text[], $6::text[], $7::bool[], $8::int[], $9::bool[], $10::text[], $11::bool[], $12::real[], $13::real[], $14::bool[])`,
        [
          e.map((x) => x.interventionId), e.map((x) => x.patientId), e.map((x) => x.sequence), e.map((x) => x.typeSequence), e.map((x) => x.type), e.map((x) => x.target),
          e.map((x) => x.diagnostic), e.map((x) => x.dayFromFirst), e.map((x) => x.assessed), e.map((x) => x.category), e.map((x) => x.favourable),
          e.map((x) => x.baseline), e.map((x) => x.changePct), e.map((x) => x.confounded),
        ],
      );
    }
    const d = items.flatMap((i) => i.facts.days.map((x) => ({ ...x, patientId: i.patientId })));
    if (d.length > 0) {
      await tx.query(
        `INSERT INTO analytics_episode_day (intervention_id, patient_id, day, mean_pain, scores)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::real[], $5::int[])`,
        [d.map((x) => x.interventionId), d.map((x) => x.patientId), d.map((x) => x.day), d.map((x) => x.meanPain), d.map((x) => x.scores)],
      );
    }
    const o = items.flatMap((i) => i.facts.observations.map((x, n) => ({ ...x, n: n + 1, patientId: i.patientId })));
    if (o.length > 0) {
      await tx.query(
        `INSERT INTO analytics_observation (patient_id, n, anchor_sequence, offset_hours, score)
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::real[], $5::smallint[])`,
        [o.map((x) => x.patientId), o.map((x) => x.n), o.map((x) => x.anchorSequence), o.map((x) => x.offsetHours), o.map((x) => x.score)],
      );
    }
    const s = items.flatMap((i) => i.facts.smsSteps.map((x) => ({ ...x, patientId: i.patientId })));
    if (s.length > 0) {
      await tx.query(
        `INSERT INTO analytics_sms_step (patient_id, intervention_type, kind, step_minutes, sent, answered)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[])`,
        [s.map((x) => x.patientId), s.map((x) => x.interventionType), s.map((x) => x.kind), s.map((x) => x.stepMinutes), s.map((x) => x.sent), s.map((x) => x.answered)],
      );
    }
    const after = await this.contributions(tx, ids);
    for (const rollup of ROLLUPS) await this.applyDelta(tx, rollup, before.get(rollup.table)!, after.get(rollup.table)!);
  }

  /** What these patients' facts add to each rollup table, keyed by the cell's key. */
  private async contributions(tx: Tx, patientIds: string[]): Promise<Map<string, Map<string, { key: unknown[]; values: number[] }>>> {
    const out = new Map<string, Map<string, { key: unknown[]; values: number[] }>>();
    for (const rollup of ROLLUPS) {
      const rows: Array<Record<string, unknown>> = await tx.query(rollup.contribution, [patientIds]);
      const cells = new Map<string, { key: unknown[]; values: number[] }>();
      for (const r of rows) {
        const key = rollup.keys.map((k) => r[k]);
        cells.set(JSON.stringify(key), { key, values: rollup.values.map((v) => Number(r[v])) });
      }
      out.set(rollup.table, cells);
    }
    return out;
  }

  private async applyDelta(tx: Tx, rollup: Rollup, before: Map<string, { key: unknown[]; values: number[] }>, after: Map<string, { key: unknown[]; values: number[] }>): Promise<void> {
    const delta = new Map<string, { key: unknown[]; values: number[] }>();
    for (const [k, cell] of after) delta.set(k, { key: cell.key, values: [...cell.values] });
    for (const [k, cell] of before) {
      const d = delta.get(k) ?? { key: cell.key, values: cell.values.map(() => 0) };
      d.values = d.values.map((v, i) => v - cell.values[i]);
      delta.set(k, d);
    }
    const changed = [...delta.values()].filter((d) => d.values.some((v) => v !== 0));
    if (changed.length === 0) return;
    const columns = [...rollup.keys, ...rollup.values];
    const params = columns.map((_, i) => changed.map((d) => (i < rollup.keys.length ? d.key[i] : d.values[i - rollup.keys.length])));
    const unnest = columns.map((c, i) => `$${i + 1}::${rollup.types[c]}[]`).join(', ');
    const keyList = rollup.keys.join(', ');
    await tx.query(
      `INSERT INTO ${rollup.table} AS c (${columns.join(', ')})
       SELECT * FROM unnest(${unnest}) AS u(${columns.join(', ')}) ORDER BY ${rollup.keys.map((_, i) => i + 1).join(', ')}
       ON CONFLICT (${keyList}) DO UPDATE SET ${rollup.values.map((v) => `${v} = c.${v} + excluded.${v}`).join(', ')}`,
      params,
    );
    // Cells no patient contributes to any more go (their sums are zero up to rounding).
    const cleared = changed.filter((d) => after.get(JSON.stringify(d.key)) === undefined);
    if (cleared.length > 0) {
      await tx.query(
        `DELETE FROM ${rollup.table} WHERE (${keyList}) IN (SELECT * FROM unnest(${rollup.keys.map((k, i) => `$${i + 1}::${rollup.types[k]}[]`).join(', ')})) AND ${rollup.values[0]} = 0`,
        rollup.keys.map((_, i) => cleared.map((d) => d.key[i])),
      );
    }
  }

  /** Mean of each patient's daily mean pain, per day since the intervention: n, mean and SD across patients (from the rollup cells). */
  async trajectory(filter: AnalyticsFilter): Promise<Array<{ day: number; n: number; mean: number; sd: number | null }>> {
    const scope = scopeOf(filter);
    if (scope === null) return [];
    const where = new FilterSql(filter);
    const s = where.param(scope);
    return this.db.query(
      `SELECT day::int AS day, sum(patients)::int AS n, (sum(pain_sum) / sum(patients))::float8 AS mean,
              CASE WHEN sum(patients) > 1 THEN sqrt(greatest(0, (sum(pain_sumsq) - sum(pain_sum) ^ 2 / sum(patients)) / (sum(patients) - 1)))::float8 END AS sd
       FROM analytics_trajectory_cell c
       WHERE c.scope = ${s} AND ${where.patients('c')}
       GROUP BY day HAVING sum(patients) > 0 ORDER BY day`,
      where.params,
    );
  }

  /** Per type: patients with an assessed intervention of it, and how many of them responded (their first assessed one counts). */
  async responderCounts(filter: AnalyticsFilter): Promise<Array<{ type: InterventionType; assessed: number; favourable: number }>> {
    const where = new FilterSql(filter);
    return this.db.query(
      `SELECT intervention_type AS type, sum(assessed)::int AS assessed, sum(favourable)::int AS favourable
       FROM analytics_responder_cell c
       WHERE ${where.episodes('c')} AND ${where.patients('c')}
       GROUP BY intervention_type HAVING sum(assessed) > 0 ORDER BY intervention_type`,
      where.params,
    );
  }

  /** Patients per attribution class × clinical-picture lean × agreement (patients with a matching intervention when filtered by type or target). */
  async attributionCounts(filter: AnalyticsFilter): Promise<Array<{ classification: string; lean: string; agrees: boolean | null; n: number }>> {
    const scope = scopeOf(filter);
    if (scope === null) return [];
    const where = new FilterSql(filter);
    const s = where.param(scope);
    return this.db.query(
      `SELECT classification, lean, CASE agreement WHEN 'agree' THEN true WHEN 'disagree' THEN false END AS agrees, sum(patients)::int AS n
       FROM analytics_attribution_cell c
       WHERE c.scope = ${s} AND ${where.patients('c')}
       GROUP BY 1, 2, 3 HAVING sum(patients) > 0`,
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

/**
 * Which of a patient's interventions a filter counts, as the rollups' scope: a type (whose target must match a
 * target given too — null when it does not, i.e. nothing matches), a target, or all of them.
 */
function scopeOf(filter: AnalyticsFilter): string | null {
  if (filter.interventionType) {
    if (filter.target && INTERVENTION_CATALOGUE[filter.interventionType].target !== filter.target) return null;
    return `type:${filter.interventionType}`;
  }
  return filter.target ? `target:${filter.target}` : 'all';
}

interface Rollup {
  table: string;
  keys: string[];
  values: string[];
  types: Record<string, string>;
  /**
   * The cells' sums over the patients in $1 only, from their stored facts (migration 1764160000000 fills them the
   * same way). Reached through analytics_episode (indexed by patient): episode days are keyed by intervention.
   */
  contribution: string;
}

// The trajectory's contribution is driven from the patients' ids (unnest) rather than filtered by `= ANY`: Postgres
// overestimates the days per episode (ANALYZE's sample sees a fraction of the interventions), and with `= ANY` it chose
// a parallel scan of every episode — 107 ms for 10 patients at 100,000 patients (20 ms now), the refresh's largest cost.
const SCOPES = `CROSS JOIN LATERAL (VALUES ('all'), ('target:' || e.target), ('type:' || e.intervention_type)) AS s(scope)`;
const ROLLUPS: Rollup[] = [
  {
    table: 'analytics_trajectory_cell',
    keys: ['scope', 'classification', 'enrolled_month', 'day'],
    values: ['patients', 'pain_sum', 'pain_sumsq'],
    types: { scope: 'text', classification: 'text', enrolled_month: 'date', day: 'smallint', patients: 'int', pain_sum: 'float8', pain_sumsq: 'float8' },
    contribution: `SELECT scope, classification, enrolled_month::text AS enrolled_month, day, count(*)::int AS patients, sum(pain) AS pain_sum, sum(pain * pain) AS pain_sumsq FROM (
        SELECT s.scope, coalesce(p.classification, 'inconclusive') AS classification, p.enrolled_month, d.day, d.patient_id, avg(d.mean_pain)::float8 AS pain
          FROM unnest($1::uuid[]) AS k(patient_id)
          JOIN analytics_episode e ON e.patient_id = k.patient_id
          JOIN analytics_episode_day d ON d.intervention_id = e.intervention_id
          JOIN analytics_patient p ON p.patient_id = k.patient_id
          ${SCOPES}
         GROUP BY 1, 2, 3, 4, 5) per
      GROUP BY 1, 2, 3, 4`,
  },
  {
    table: 'analytics_responder_cell',
    keys: ['intervention_type', 'classification', 'enrolled_month', 'target'],
    values: ['assessed', 'favourable'],
    types: { intervention_type: 'text', classification: 'text', enrolled_month: 'date', target: 'text', assessed: 'int', favourable: 'int' },
    contribution: `SELECT intervention_type, classification, enrolled_month::text AS enrolled_month, target, count(*)::int AS assessed, (count(*) FILTER (WHERE favourable))::int AS favourable FROM (
        SELECT DISTINCT ON (e.patient_id, e.intervention_type) e.intervention_type, e.target, e.favourable,
               coalesce(p.classification, 'inconclusive') AS classification, p.enrolled_month
          FROM analytics_episode e JOIN analytics_patient p ON p.patient_id = e.patient_id
         WHERE e.assessed AND e.patient_id = ANY($1::uuid[])
         ORDER BY e.patient_id, e.intervention_type, e.type_sequence) firsts
      GROUP BY 1, 2, 3, 4`,
  },
  {
    table: 'analytics_attribution_cell',
    keys: ['scope', 'classification', 'enrolled_month', 'lean', 'agreement'],
    values: ['patients'],
    types: { scope: 'text', classification: 'text', enrolled_month: 'date', lean: 'text', agreement: 'text', patients: 'int' },
    contribution: `SELECT s.scope, coalesce(p.classification, 'inconclusive') AS classification, p.enrolled_month::text AS enrolled_month, coalesce(p.clinical_lean, 'unknown') AS lean,
             CASE p.picture_agrees WHEN true THEN 'agree' WHEN false THEN 'disagree' ELSE 'none' END AS agreement, count(DISTINCT p.patient_id)::int AS patients
        FROM analytics_patient p
        JOIN analytics_episode e ON e.patient_id = p.patient_id
        ${SCOPES}
       WHERE p.patient_id = ANY($1::uuid[])
       GROUP BY 1, 2, 3, 4, 5`,
  },
];

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
