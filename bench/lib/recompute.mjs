// Phase 2: a full recompute of a large generated cohort through the real job code, against the same
// window medians computed by one SQL query.
import { performance } from 'node:perf_hooks';
import { generatePatient, windowTable } from './cohort.mjs';
import { dist, prng, requireFromRoot, summarize } from './util.mjs';

const { Client } = requireFromRoot('pg');
const { NestFactory } = requireFromRoot('@nestjs/core');
const { Module } = requireFromRoot('@nestjs/common');
const { APP_CONFIG, loadConfig } = dist('libs/config/src/index.js');
const { FieldCipher, PersistenceModule, ResponseEngineRepository, TransactionRunner, patientAad } = dist('libs/persistence/src/index.js');
const { evaluatePatient } = dist('libs/domain/src/index.js');
const { RecomputePatientJob } = dist('apps/worker/src/recompute/recompute-patient.job.js');

const CHUNK = 500; // patients per insert round

export async function runRecompute(opts, env, log) {
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    const load = await loadCohort(db, opts, FieldCipher.fromConfig(loadConfig(env)), log);
    const engine = await runEngine(opts, env, load, log);
    const { rows: [check] } = await db.query(
      `SELECT (SELECT count(*) FROM attribution a JOIN patient p ON p.id = a.patient_id WHERE p.care_team_id = $1)::int AS attributions,
              (SELECT count(*) FROM outbox o JOIN patient p ON p.id = o.patient_id WHERE p.care_team_id = $1 AND o.done_at IS NULL)::int AS pending`,
      [load.teamId],
    );
    if (check.attributions !== load.jobs.length || check.pending !== 0) throw new Error(`engine left ${check.pending} recomputes pending and ${load.jobs.length - check.attributions} patients without attribution`);
    Object.assign(engine, check);
    const sql = await runSqlBaseline(db, opts, load, log);
    const agreement = await compareWithEngine(db, load, sql.rows);
    delete sql.rows;
    return { cohort: load.summary, engine, sql, agreement, ratioEngineToSql: engine.patientsPerSecond / sql.patientsPerSecond };
  } finally {
    await db.end();
  }
}

/**
 * The same comparison on a sample of an existing (large) dataset: one pending recompute per sampled patient,
 * the real job over them, the one-query baseline over the same patients. The stored results before the job
 * (written by the dataset loader's in-process shortcut) are compared with what the job wrote.
 */
export async function runRecomputeSample(opts, env, patientIds, log) {
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    const snapshot = async () => (await db.query(
      `SELECT a.patient_id::text AS id, a.classification, a.probability, a.score_count, a.intervention_count, a.inputs_up_to,
              a.payload - 'computedAt' AS payload,
              (SELECT jsonb_object_agg(r.intervention_id, r.payload - 'computedAt') FROM response_assessment r WHERE r.patient_id = a.patient_id) AS assessments
         FROM attribution a WHERE a.patient_id = ANY($1::uuid[])`, [patientIds])).rows;
    const before = new Map((await snapshot()).map((r) => [r.id, JSON.stringify(r)]));
    const { rows: outbox } = await db.query(
      `INSERT INTO outbox (kind, patient_id, enqueued_at) SELECT 'recompute', id, now() FROM unnest($1::uuid[]) AS t(id) RETURNING id::text, patient_id`,
      [patientIds],
    );
    const load = { jobs: outbox.map((r) => ({ patientId: r.patient_id, outboxId: r.id })) };
    const engine = await runEngine(opts, env, load, log);
    const after = await snapshot();
    const identical = after.filter((r) => before.get(r.id) === JSON.stringify(r)).length;
    // Where the first differing patient differs, for the report (the fill must be what the job would write).
    const differing = after.find((r) => before.get(r.id) !== JSON.stringify(r));
    const firstDifference = differing ? describeDifference(JSON.parse(before.get(differing.id) ?? 'null'), differing) : null;
    const sql = await runSqlBaseline(db, opts, load, log);
    const agreement = await compareWithEngine(db, load, sql.rows);
    delete sql.rows;
    return {
      sample: patientIds.length, engine, sql, agreement, ratioEngineToSql: engine.patientsPerSecond / sql.patientsPerSecond,
      shortcutCheck: { patients: after.length, identicalToJob: identical, firstDifference },
    };
  } finally {
    await db.end();
  }
}

function describeDifference(a, b, path = '') {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = describeDifference(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 120)} (fill) vs ${JSON.stringify(b)?.slice(0, 120)} (job)`;
}

/** Patients, interventions and scores straight into the tables with multi-row INSERT … SELECT FROM unnest(…). */
async function loadCohort(db, opts, cipher, log) {
  const started = performance.now();
  const rand = prng(opts.seed + 1);
  const end = new Date(Date.now() - 60_000);
  const { rows: [team] } = await db.query(`INSERT INTO care_team (name) VALUES ('Bench cohort') RETURNING id`);
  const { rows: [author] } = await db.query(`SELECT id FROM app_user ORDER BY created_at LIMIT 1`);
  const taken = new Set((await db.query(`SELECT pseudonym FROM patient`)).rows.map((r) => r.pseudonym));
  let serial = 0;
  const nextPseudonym = () => {
    for (;;) {
      const p = `P-B${(serial++).toString(36).toUpperCase().padStart(5, '0')}`;
      if (!taken.has(p)) return p;
    }
  };
  const patientIds = [];
  const counts = { patients: 0, interventions: 0, scores: 0, byType: {} };
  for (let first = 0; first < opts.patients; first += CHUNK) {
    const p = { id: [], pseudonym: [], knee: [] };
    const iv = { id: [], patient: [], type: [], target: [], performed: [], ended: [], laterality: [], level: [] };
    const sc = { patient: [], score: [], recorded: [], received: [] };
    for (let k = first; k < Math.min(opts.patients, first + CHUNK); k++) {
      const id = rand.uuid();
      const record = generatePatient(rand, { days: opts.days, end });
      p.id.push(id); p.pseudonym.push(nextPseudonym()); p.knee.push(record.indexKnee);
      for (const i of record.interventions) {
        iv.id.push(i.id); iv.patient.push(id); iv.type.push(i.type); iv.target.push(i.target);
        iv.performed.push(i.performedAt.toISOString()); iv.ended.push(i.endedAt?.toISOString() ?? null);
        iv.laterality.push(i.laterality); iv.level.push(i.spinalLevels[0] ?? null);
        counts.byType[i.type] = (counts.byType[i.type] ?? 0) + 1;
      }
      for (const s of record.scores) {
        sc.patient.push(id); sc.score.push(s.score); sc.recorded.push(s.recordedAt.toISOString());
        // Answered from the SMS link a few minutes to a few hours after the moment it describes.
        sc.received.push(new Date(Math.min(end.getTime(), s.recordedAt.getTime() + rand.int(1, 240) * 60_000)).toISOString());
      }
      patientIds.push(id);
    }
    await db.query(
      `INSERT INTO patient (id, pseudonym, given_name, family_name, birth_date, timezone, index_knee, care_team_id)
       SELECT id, pseudonym, given, family, birth, 'Europe/Berlin', knee::index_knee, $4
         FROM unnest($1::uuid[], $2::text[], $3::text[], $5::text[], $6::text[], $7::text[]) AS t(id, pseudonym, knee, given, family, birth)`,
      // Identifiers are encrypted at rest (the table refuses clear ones), as the api would store them.
      [p.id, p.pseudonym, p.knee, team.id, ...[['given_name', 'Bench'], ['family_name', 'Cohort'], ['birth_date', '1960-01-01']].map(([column, value]) => p.id.map(() => cipher.encrypt(patientAad(column), value)))],
    );
    await db.query(
      `INSERT INTO intervention (id, patient_id, type, target, performed_at, ended_at, laterality, spinal_levels, created_by)
       SELECT id, patient_id, type::intervention_type, target::intervention_target, performed_at, ended_at, laterality::laterality,
              CASE WHEN level IS NULL THEN '{}'::text[] ELSE ARRAY[level] END, $9
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[])
           AS t(id, patient_id, type, target, performed_at, ended_at, laterality, level)`,
      [iv.id, iv.patient, iv.type, iv.target, iv.performed, iv.ended, iv.laterality, iv.level, author.id],
    );
    await db.query(
      `INSERT INTO pain_score (patient_id, score, recorded_at, received_at, source)
       SELECT patient_id, score, recorded_at, received_at, 'sms_link' FROM unnest($1::uuid[], $2::smallint[], $3::timestamptz[], $4::timestamptz[])
           AS t(patient_id, score, recorded_at, received_at)`,
      [sc.patient, sc.score, sc.recorded, sc.received],
    );
    counts.patients += p.id.length;
    counts.interventions += iv.id.length;
    counts.scores += sc.patient.length;
    if ((first / CHUNK) % 4 === 3) log(`  loaded ${counts.patients.toLocaleString('en-US')} / ${opts.patients.toLocaleString('en-US')} patients`);
  }
  // One pending recompute per patient, as after an algorithm upgrade; marked enqueued so no relay would touch it.
  const { rows: outbox } = await db.query(
    `INSERT INTO outbox (kind, patient_id, enqueued_at) SELECT 'recompute', id, now() FROM unnest($1::uuid[]) AS t(id) RETURNING id::text, patient_id`,
    [patientIds],
  );
  await db.query(`VACUUM ANALYZE patient, intervention, pain_score, outbox`);
  const seconds = (performance.now() - started) / 1000;
  log(`loaded ${counts.patients} patients, ${counts.interventions} interventions, ${counts.scores} scores in ${seconds.toFixed(1)} s`);
  return {
    teamId: team.id,
    jobs: outbox.map((r) => ({ patientId: r.patient_id, outboxId: r.id })),
    summary: { ...counts, days: opts.days, scoresPerPatient: counts.scores / counts.patients, interventionsPerPatient: counts.interventions / counts.patients, loadSeconds: seconds },
  };
}

/** The compiled RecomputePatientJob (lock, load, evaluatePatient, save, audit, mark done) at the worker's concurrency. */
async function runEngine(opts, env, load, log) {
  const config = loadConfig({ ...env, LOG_LEVEL: 'warn' });
  const concurrency = opts.concurrency || config.WORKER_CONCURRENCY;
  // The worker module's providers minus BullMQ and the outbox relay: the job's code path, without the queue.
  class BenchRecomputeModule {}
  Module({})(BenchRecomputeModule);
  const app = await NestFactory.createApplicationContext(
    { module: BenchRecomputeModule, global: true, imports: [PersistenceModule], providers: [{ provide: APP_CONFIG, useValue: config }, RecomputePatientJob], exports: [APP_CONFIG] },
    { logger: ['error', 'warn'] },
  );
  try {
    const job = app.get(RecomputePatientJob);
    const perJob = [];
    let next = 0;
    let rounds = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < load.jobs.length) {
        const item = load.jobs[next++];
        const t = performance.now();
        const done = await job.handle(item);
        rounds += done.rounds;
        perJob.push(performance.now() - t);
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    const patientsPerSecond = load.jobs.length / seconds;
    log(`engine: ${load.jobs.length} patients in ${seconds.toFixed(1)} s at concurrency ${concurrency} = ${patientsPerSecond.toFixed(0)} patients/s`);
    const breakdown = await engineBreakdown(app, load.jobs.slice(0, Math.min(300, load.jobs.length)));
    return { concurrency, patients: load.jobs.length, rounds, seconds, patientsPerSecond, jobMs: summarize(perJob), breakdown };
  } finally {
    await app.close();
  }
}

/** Where one recompute's time goes, one patient at a time (rolled back, so stored results stay as the job left them). */
async function engineBreakdown(app, jobs) {
  const tx = app.get(TransactionRunner);
  const engine = app.get(ResponseEngineRepository);
  const parts = { loadMs: [], evaluateMs: [], saveMs: [] };
  const rollback = new Error('rollback');
  for (const { patientId } of jobs) {
    await tx.run(async (m) => {
      const t0 = performance.now();
      await engine.lockPatient(m, patientId);
      const inputs = await engine.loadInputs(m, patientId);
      const t1 = performance.now();
      const { assessments, attribution } = evaluatePatient(inputs.evidence);
      const t2 = performance.now();
      await engine.saveResults(m, patientId, {
        assessments, attribution, computedAt: new Date(), inputsUpTo: inputs.inputsUpTo, inputWatermark: '0',
        scoreCount: inputs.evidence.scores.length, interventionCount: inputs.evidence.interventions.length,
      });
      parts.loadMs.push(t1 - t0);
      parts.evaluateMs.push(t2 - t1);
      parts.saveMs.push(performance.now() - t2);
      throw rollback;
    }).catch((error) => {
      if (error !== rollback) throw error;
    });
  }
  const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return { patients: jobs.length, meanLoadMs: mean(parts.loadMs), meanEvaluateMs: mean(parts.evaluateMs), meanSaveMs: mean(parts.saveMs), evaluateMs: summarize(parts.evaluateMs) };
}

/**
 * domain.md "Response" as one query: per intervention, the baseline (median of the 14 days before) and the
 * median of each response window (the window table of response-window.ts, default agents; PT course windows
 * from week 3 to two weeks after the recorded or assumed six-week end).
 */
export function baselineSql(scope = 'team') {
  const values = windowTable()
    .map((w) => `('${w.type}', '${w.phase}', ${w.fromMs}::bigint, ${w.toMs === null ? 'NULL' : `${w.toMs}::bigint`})`)
    .join(',\n            ');
  return `
    WITH windows (type, phase, from_ms, to_ms) AS (VALUES
            ${values}),
    iv AS (
      SELECT i.id, i.patient_id, i.type, i.performed_at, i.ended_at
        FROM intervention i JOIN patient p ON p.id = i.patient_id
       WHERE ${SCOPE[scope]('p')}),
    win AS (
      SELECT iv.id, iv.patient_id, w.phase,
             iv.performed_at + w.from_ms * interval '1 millisecond' AS from_at,
             iv.performed_at + CASE WHEN w.phase = 'course'
                                    THEN greatest(interval '14 days', coalesce(iv.ended_at - iv.performed_at, interval '42 days') + interval '14 days')
                                    ELSE w.to_ms * interval '1 millisecond' END AS to_at
        FROM iv JOIN windows w ON w.type = iv.type::text),
    base AS (
      SELECT iv.id, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.score) AS baseline
        FROM iv JOIN pain_score s ON s.patient_id = iv.patient_id
                                 AND s.recorded_at >= iv.performed_at - interval '14 days' AND s.recorded_at < iv.performed_at
       GROUP BY iv.id),
    med AS (
      SELECT win.id, win.phase, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.score) AS median, count(*)::int AS n
        FROM win JOIN pain_score s ON s.patient_id = win.patient_id AND s.recorded_at BETWEEN win.from_at AND win.to_at
       GROUP BY win.id, win.phase)
    SELECT win.id::text AS id, win.phase, base.baseline, med.median, coalesce(med.n, 0) AS n, base.baseline - med.median AS relief
      FROM win LEFT JOIN med ON med.id = win.id AND med.phase = win.phase
               LEFT JOIN base ON base.id = win.id`;
}

/** The patients a run covers: a generated care team (bench:engine) or a sample of ids (bench). */
const SCOPE = {
  team: (p) => `${p}.care_team_id = $1`,
  patients: (p) => `${p}.id = ANY($1::uuid[])`,
};
const scopeOf = (load) => (load.teamId ? { scope: 'team', param: load.teamId } : { scope: 'patients', param: load.jobs.map((j) => j.patientId) });

async function runSqlBaseline(db, opts, load, log) {
  const { scope, param } = scopeOf(load);
  const sql = baselineSql(scope);
  const times = [];
  let rows = [];
  for (let run = 0; run < Math.max(1, opts['sql-runs']); run++) {
    const t = performance.now();
    rows = (await db.query(sql, [param])).rows;
    times.push((performance.now() - t) / 1000);
  }
  const seconds = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
  const patientsPerSecond = load.jobs.length / seconds;
  log(`SQL baseline: ${rows.length} window medians for ${load.jobs.length} patients in ${seconds.toFixed(2)} s = ${patientsPerSecond.toFixed(0)} patients/s (runs: ${times.map((t) => t.toFixed(2)).join(', ')} s)`);
  return { runsSeconds: times, seconds, patientsPerSecond, windows: rows.length, rows };
}

/** The SQL must be computing what the engine computes: compare its medians with the stored assessments. */
async function compareWithEngine(db, load, sqlRows) {
  const { scope, param } = scopeOf(load);
  const { rows } = await db.query(
    `SELECT ra.intervention_id::text AS id, ra.payload FROM response_assessment ra JOIN patient p ON p.id = ra.patient_id WHERE ${SCOPE[scope]('p')}`,
    [param],
  );
  const engine = new Map(rows.map((r) => [r.id, r.payload]));
  let windows = 0;
  let medianMatches = 0;
  let baselines = 0;
  let baselineMatches = 0;
  const same = (a, b) => (a === null || a === undefined ? b === null || b === undefined : b !== null && b !== undefined && Math.abs(Number(a) - Number(b)) < 1e-9);
  for (const row of sqlRows) {
    const assessment = engine.get(row.id);
    const w = assessment?.windows.find((x) => x.phase === row.phase);
    windows++;
    if (w && w.n === row.n && same(w.median, row.median)) medianMatches++;
    if (assessment?.baseline?.source === 'diary' || row.baseline !== null) {
      baselines++;
      if (assessment?.baseline?.source === 'diary' && same(assessment.baseline.value, row.baseline)) baselineMatches++;
    }
  }
  return { windows, medianMatches, baselines, baselineMatches };
}
