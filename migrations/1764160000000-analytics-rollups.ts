import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pre-aggregated cells for the analyst views, so a request sums a few thousand cells instead of scanning
 * every episode-day of the cohort (about 90 rows per intervention: 27 M rows at 100,000 patients).
 * The worker keeps them in step with the per-patient facts: each refresh adds the patient's new
 * contribution minus the old one, in the same transaction (AnalyticsRepository.replaceFacts).
 *
 * scope is 'all', 'target:<target>' or 'type:<intervention type>': which of the patient's interventions
 * count, i.e. the analyst's interventionType / target filter. classification and enrolled_month are the
 * patient filters. Every cell holds sums over distinct patients (a patient is in one cell per key).
 */
export class AnalyticsRollups1764160000000 implements MigrationInterface {
  name = 'AnalyticsRollups1764160000000';

  async up(q: QueryRunner): Promise<void> {
    // Trajectory: per day since the intervention, each patient's mean of their matching episodes' daily means.
    await q.query(`CREATE TABLE analytics_trajectory_cell (
      scope text NOT NULL,
      classification text NOT NULL,
      enrolled_month date NOT NULL,
      day smallint NOT NULL,
      patients integer NOT NULL,
      pain_sum double precision NOT NULL,
      pain_sumsq double precision NOT NULL,
      PRIMARY KEY (scope, classification, enrolled_month, day))`);
    // Responder rates: per type, patients with an assessed intervention of it, and how many responded to the first.
    await q.query(`CREATE TABLE analytics_responder_cell (
      intervention_type text NOT NULL,
      classification text NOT NULL,
      enrolled_month date NOT NULL,
      target text NOT NULL,
      assessed integer NOT NULL,
      favourable integer NOT NULL,
      PRIMARY KEY (intervention_type, classification, enrolled_month, target))`);
    // Attributions: patients with at least one intervention in scope, per class × lean × agreement.
    await q.query(`CREATE TABLE analytics_attribution_cell (
      scope text NOT NULL,
      classification text NOT NULL,
      enrolled_month date NOT NULL,
      lean text NOT NULL,
      agreement text NOT NULL CHECK (agreement IN ('agree', 'disagree', 'none')),
      patients integer NOT NULL,
      PRIMARY KEY (scope, classification, enrolled_month, lean, agreement))`);
    // An upgraded database already holds facts: the cells start as their sums.
    await q.query(`INSERT INTO analytics_trajectory_cell
      SELECT scope, classification, enrolled_month, day, count(*), sum(pain), sum(pain * pain) FROM (
        SELECT s.scope, coalesce(p.classification, 'inconclusive') AS classification, p.enrolled_month, d.day, d.patient_id, avg(d.mean_pain)::float8 AS pain
          FROM analytics_episode_day d
          JOIN analytics_episode e ON e.intervention_id = d.intervention_id
          JOIN analytics_patient p ON p.patient_id = d.patient_id
          CROSS JOIN LATERAL (VALUES ('all'), ('target:' || e.target), ('type:' || e.intervention_type)) AS s(scope)
         GROUP BY 1, 2, 3, 4, 5) per
      GROUP BY 1, 2, 3, 4`);
    await q.query(`INSERT INTO analytics_responder_cell
      SELECT intervention_type, classification, enrolled_month, target, count(*), count(*) FILTER (WHERE favourable) FROM (
        SELECT DISTINCT ON (e.patient_id, e.intervention_type) e.intervention_type, e.target, e.favourable,
               coalesce(p.classification, 'inconclusive') AS classification, p.enrolled_month
          FROM analytics_episode e JOIN analytics_patient p ON p.patient_id = e.patient_id
         WHERE e.assessed
         ORDER BY e.patient_id, e.intervention_type, e.type_sequence) firsts
      GROUP BY 1, 2, 3, 4`);
    await q.query(`INSERT INTO analytics_attribution_cell
      SELECT s.scope, coalesce(p.classification, 'inconclusive'), p.enrolled_month, coalesce(p.clinical_lean, 'unknown'),
             CASE p.picture_agrees WHEN true THEN 'agree' WHEN false THEN 'disagree' ELSE 'none' END, count(DISTINCT p.patient_id)
        FROM analytics_patient p
        JOIN analytics_episode e ON e.patient_id = p.patient_id
        CROSS JOIN LATERAL (VALUES ('all'), ('target:' || e.target), ('type:' || e.intervention_type)) AS s(scope)
       GROUP BY 1, 2, 3, 4, 5`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE analytics_attribution_cell`);
    await q.query(`DROP TABLE analytics_responder_cell`);
    await q.query(`DROP TABLE analytics_trajectory_cell`);
  }
}
