#!/usr/bin/env node
// `npm run bench [-- --scale 0.01]` — issue #9, performance at clinic-network scale. Not part of the test suite.
// 1. generates a dataset with COPY (default 100,000 patients, ~10 M scores, ~300,000 interventions, 50 clinics),
//    brings assessments/attributions (engine in-process + a sample through the real job) and the analytics
//    aggregates (the real worker's refresh, timed) up to date;
// 2. measures on the real api + worker: score ingest vs a bare node:http + pg server (autocannon), freshness at a
//    steady 200 scores/s and the backlog drain after saturation, full recompute vs one SQL query, the analyst
//    queries, the clinician's patient page, and RSS of api and worker;
// 3. writes bench/results/<date>-scale.{json,md}, bench/explain/*.txt, and prints the table.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ANALYST_EMAIL, BENCH_PASSWORD, clinicianEmail, loadDataset } from './lib/dataset.mjs';
import { writeExplains } from './lib/explain.mjs';
import { measureFreshness, waitUntilSettled } from './lib/freshness.mjs';
import { ApiClient } from './lib/http-client.mjs';
import { saturate } from './lib/load.mjs';
import { machineInfo } from './lib/machine.mjs';
import { cpuMeter, sampleRss } from './lib/proc.mjs';
import { analyticsFilters, measureAnalytics, measureTimeline } from './lib/reads.mjs';
import { runRecomputeSample } from './lib/recompute.mjs';
import { renderMarkdown } from './lib/scale-report.mjs';
import { deleteRedisPrefix, dropDatabase, freePort, migrateDatabase, prepareDatabase, runBenchmark, startProcess, stopAll, stopProcess, waitForHttp, waitForLog } from './lib/stack.mjs';
import { dist, parseArgs, prng, requireFromRoot, requireLoopback, ROOT, sleep } from './lib/util.mjs';

const { Client } = requireFromRoot('pg');
const log = (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

const DEFAULTS = {
  scale: 1, // 1 = 100,000 patients, ~10 M scores, ~300,000 interventions
  seed: 42,
  'keep-db': false, // keep relieftrace_bench_scale afterwards (and reuse it with --reuse-db)
  'reuse-db': false, // skip generation: measure the dataset a previous --keep-db run left
  'generate-only': false, // bring the dataset up (generated, or the kept one with --reuse-db) with its aggregates, measure nothing (implies --keep-db)
  explain: true, // write bench/explain/*.txt
  connections: 16, // autocannon connections for the saturation runs
  'ingest-duration': 20, // s per saturation run (after a 3 s warm-up)
  'ingest-rounds': 2, // api-alone and bare runs, interleaved
  rate: 200, // scores/s of the steady freshness run
  duration: 60, // s of the steady freshness run
  warmup: 60, // s of the same load before it, unmeasured (the stack catches up on what the run's start brings)
  'freshness-patients': 2000, // patients the steady load spreads over (one clinic's worth)
  clinic: 1, // the clinic whose patients get the steady and the saturating load (another one's diaries, after a --reuse-db run, are as generated)
  // One score in 50 is followed (4 a second, 240 in the measured minute), polled every 100 ms for its first second:
  // following every 20th at 50 ms sent ~120–200 GETs a second — each authenticated, audited and sealed — as many
  // requests as the load being measured, and on 2 cores that observer load alone cost ~17 CPU-s of Postgres a minute.
  // The database's view of every score (commit → recompute) is reported beside it.
  'sample-every': 50,
  'poll-ms': 100,
  'fresh-timeout': 60,
  'recompute-sample': 2000, // patients recomputed by the real job (at most a fifth of the dataset)
  concurrency: 0, // recompute jobs at once; 0 = the product's WORKER_CONCURRENCY default
  workers: 1, // worker processes (replicas) the stack runs; their CPU is summed, their RSS is the largest one's
  'sql-runs': 3,
  'analytics-rounds': 5, // each endpoint × filter this often
  'timeline-pages': 200, // random patients whose page is loaded
  'pool-size': 0, // DB_POOL_SIZE for api and worker; 0 = the product default
  'drain-timeout': 1800, // s the backlog / aggregates may take to catch up before the run gives up
  out: '', // results base path; default bench/results/<date>-scale
  note: '',
};

async function main() {
  const opts = parseArgs(process.argv.slice(2), DEFAULTS, 'bench');
  if (opts['generate-only']) opts['keep-db'] = true;
  if (!existsSync(join(ROOT, 'dist/apps/api/src/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm run bench does)');
  const base = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/relieftrace_bench_scale');
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: requireLoopback(base.toString(), 'BENCH_DATABASE_URL'),
    REDIS_URL: requireLoopback(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379', 'BENCH_REDIS_URL'),
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    BULLMQ_PREFIX: `rt-scale-${process.pid}-${Date.now().toString(36)}`,
    LOG_LEVEL: 'info',
    ADMIN_EMAIL: '',
    ADMIN_PASSWORD: '',
    // Fixed per database (derived from its name), so a --keep-db dataset stays readable (and its audit chain whole)
    // for a later --reuse-db run.
    PII_KEYS: `bench:${createHash('sha256').update(`pii:${base.pathname}`).digest('base64')}`,
    PII_INDEX_KEY: createHash('sha256').update(`index:${base.pathname}`).digest('base64'),
    AUDIT_CHAIN_KEY: createHash('sha256').update(`audit:${base.pathname}`).digest('base64'),
    // Several clinicians and the analyst sign in from 127.0.0.1 within a minute.
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...(opts['pool-size'] ? { DB_POOL_SIZE: String(opts['pool-size']) } : {}),
  };
  const started = new Date();
  const result = { benchmark: 'scale', startedAt: started.toISOString(), options: opts, machine: await machineInfo(env) };
  const stack = {};
  try {
    // ---- dataset -------------------------------------------------------------------------------------------
    let t = performance.now();
    if (opts['reuse-db']) {
      log(`reusing ${base.pathname.slice(1)} as a previous --keep-db run left it (migrated to this build's schema)`);
      await migrateDatabase(env);
      result.dataset = { reused: true, ...(await describeDataset(env)) };
    } else {
      log(`preparing ${base.pathname.slice(1)} (dropped, migrated by the product's prepare command), scale ${opts.scale}`);
      await prepareDatabase(env);
      const loaded = await loadDataset(env, opts, log);
      result.dataset = { reused: false, shape: loaded.shape, counts: loaded.counts, perPatient: loaded.perPatient, timings: { ...loaded.timings, totalSeconds: (performance.now() - t) / 1000 } };
      log(`dataset loaded in ${result.dataset.timings.totalSeconds.toFixed(0)} s`);
    }
    const clinics = await readClinics(env);
    const allPatients = clinics.flatMap((c) => c.patientIds);

    // ---- 3. full recompute on a sample: the real job vs one SQL query ------------------------------------------
    const rand = prng(opts.seed + 7);
    const pgBackends = await backendLister(env);
    if (!opts['generate-only']) {
      const sampleSize = Math.min(opts['recompute-sample'], Math.floor(allPatients.length / 5));
      const sample = shuffle(rand, [...allPatients]).slice(0, sampleSize);
      log(`full recompute: ${sample.length} sampled patients through RecomputePatientJob (in-process), then the one-query baseline`);
      const recomputeCpu = await cpuMeter({}, pgBackends.list);
      result.recompute = await runRecomputeSample(opts, env, sample, log);
      result.recompute.cpu = await recomputeCpu.stop();
      log(`  shortcut check: ${result.recompute.shortcutCheck.identicalToJob} / ${result.recompute.shortcutCheck.patients} sampled patients' stored results identical to what the job wrote`);
    }

    // ---- the stack ---------------------------------------------------------------------------------------------
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const stackEnv = { ...env, PORT: String(port), PUBLIC_BASE_URL: baseUrl };
    stack.api = startProcess('api', 'dist/apps/api/src/main.js', stackEnv);
    const startWorkers = () => Array.from({ length: opts.workers }, (_, k) => startProcess(k === 0 ? 'worker' : `worker-${k + 1}`, 'dist/apps/worker/src/main.js', stackEnv));
    stack.workers = startWorkers();
    const pids = { api: () => stack.api.child.pid, worker: () => stack.workers.map((w) => w.child.pid) };
    await waitForHttp(`${baseUrl}/health/ready`, stack.api, 120_000);
    for (const w of stack.workers) await waitForLog(w, /worker ready/, 120_000);
    log(`api on ${baseUrl} and ${opts.workers === 1 ? 'worker' : `${opts.workers} worker replicas`} ready (logs in bench/tmp/)`);
    const db = new Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    // The refresh job's own count of its backlog.
    const P = dist('libs/persistence/src/index.js');
    const repoDs = P.createDataSource(env.DATABASE_URL, { poolSize: 1, applicationName: 'relieftrace-bench' });
    await repoDs.initialize();
    const staleCount = () => new P.AnalyticsRepository(repoDs).staleCount();
    const client = new ApiClient(baseUrl);
    result.rss = {};
    try {
      // ---- analytics aggregates via the real worker's refresh job ------------------------------------------------
      t = performance.now();
      let rss = sampleRss(pids);
      let cpu = await cpuMeter(pids, pgBackends.list);
      const stale0 = await staleCount();
      log(`analytics aggregates: ${stale0} patients stale; waiting for the worker's refresh job`);
      let lastLog = 0;
      let lastAnalyze = performance.now();
      for (;;) {
        const stale = await staleCount();
        if (stale === 0) break;
        if (!result.machine.postgresAutovacuum && performance.now() - lastAnalyze > 20_000) {
          await standInForAutovacuum(db, ANALYTICS_TABLES, 'ANALYZE');
          lastAnalyze = performance.now();
        }
        if ((performance.now() - t) / 1000 > opts['drain-timeout']) throw new Error(`analytics refresh did not finish within ${opts['drain-timeout']} s (${stale} stale)`);
        if (performance.now() - lastLog > 30_000) {
          lastLog = performance.now();
          log(`  ${stale} stale after ${((performance.now() - t) / 1000).toFixed(0)} s`);
        }
        await sleep(5000);
      }
      const refreshSeconds = (performance.now() - t) / 1000;
      result.analyticsRefresh = { patients: stale0, seconds: refreshSeconds, patientsPerSecond: stale0 / refreshSeconds, cpu: await cpu.stop() };
      result.rss.analyticsRefresh = rss.stop();
      log(`  refreshed ${stale0} patients' aggregates in ${refreshSeconds.toFixed(1)} s (${(stale0 / refreshSeconds).toFixed(0)} patients/s)`);
      if (opts['generate-only']) {
        log(`kept ${base.pathname.slice(1)} with its aggregates for a --reuse-db run; nothing measured`);
        return;
      }
      await db.query(`ANALYZE`);
      result.sizes = await tableSizes(db, allPatients.length);

      // ---- sign-ins ------------------------------------------------------------------------------------------------
      const login = async (email) => (await client.expect(200, 'POST', '/api/v1/auth/login', { body: { email, password: BENCH_PASSWORD } })).accessToken;
      const analystToken = await login(ANALYST_EMAIL);
      const readerClinics = clinics.slice(0, Math.min(5, clinics.length));
      for (const c of readerClinics) c.token = await login(clinicianEmail(c.index, 1));
      const ingestClinic = clinics.find((c) => c.index === opts.clinic - 1);
      if (!ingestClinic) throw new Error(`--clinic ${opts.clinic}: the dataset has clinics 1–${clinics.length}`);
      ingestClinic.ingestToken = await login(clinicianEmail(ingestClinic.index, 0));

      // ---- 5. patient page, 4. analyst queries (at rest) -----------------------------------------------------------
      rss = sampleRss(pids);
      const pages = Array.from({ length: opts['timeline-pages'] }, () => {
        const c = readerClinics[Math.floor(rand() * readerClinics.length)];
        return { token: c.token, patientId: c.patientIds[Math.floor(rand() * c.patientIds.length)] };
      });
      await measureTimeline(client, pages.slice(0, 10)); // warm-up: connections, JIT of the code paths
      log(`patient page: ${pages.length} random patients of ${readerClinics.length} clinics, the page's 7 requests in parallel`);
      result.timeline = await measureTimeline(client, pages);
      log(`  page p50 ${result.timeline.pageMs.p50.toFixed(1)} ms, p95 ${result.timeline.pageMs.p95.toFixed(1)} ms`);
      const months = (await db.query(`SELECT DISTINCT to_char(enrolled_month, 'YYYY-MM') AS m FROM analytics_patient ORDER BY 1`)).rows.map((r) => r.m);
      log(`analyst queries: ${opts['analytics-rounds']} rounds × 3 endpoints × ${analyticsFilters(months).length} filters`);
      result.analytics = await measureAnalytics(client, analystToken, analyticsFilters(months), opts['analytics-rounds']);
      log(`  p50 ${result.analytics.allMs.p50.toFixed(1)} ms, p95 ${result.analytics.allMs.p95.toFixed(1)} ms (first round p95 ${result.analytics.firstRoundMs.p95.toFixed(1)} ms)`);
      result.rss.reads = rss.stop();

      if (opts.explain) {
        result.explain = await writeExplains(env, {
          userId: ingestClinic.clinicianIds[0], patientId: ingestClinic.patientIds[0], tokenHash: createHash('sha256').update(ingestClinic.ingestToken).digest(),
          describe: `${allPatients.length.toLocaleString('en-US')} patients, ${Number(result.sizes.rows.pain_score).toLocaleString('en-US')} pain scores (scale ${opts.scale}); one patient of clinic ${opts.clinic}`,
        }, log);
      }

      if (!result.machine.postgresAutovacuum) await standInForAutovacuum(db, HOT_TABLES);
      // ---- 2. freshness at a steady rate against the full dataset ----------------------------------------------------
      const freshPatients = ingestClinic.patientIds.slice(0, opts['freshness-patients']);
      const history = new Map((await db.query(`SELECT patient_id::text AS id, count(*)::int AS n FROM pain_score WHERE patient_id = ANY($1::uuid[]) GROUP BY 1`, [freshPatients])).rows.map((r) => [r.id, r.n]));
      await waitUntilSettled(db, allPatients.length, opts['drain-timeout'] * 1000);
      log(`freshness: ${opts.rate} scores/s for ${opts.warmup} s of warm-up and ${opts.duration} s measured, over ${freshPatients.length} patients of clinic ${opts.clinic}`);
      rss = sampleRss(pids);
      result.freshness = await measureFreshness({
        opts, client, token: ingestClinic.ingestToken, db, api: stack.api, worker: stack.workers,
        patients: freshPatients.map((id) => ({ id, history: history.get(id) ?? 0 })), postgresBackends: pgBackends.list,
      });
      result.freshness.workers = opts.workers;
      result.rss.steadyLoad = rss.stop();
      log(`  201 → covering attribution p50 ${fmtMs(result.freshness.freshnessMs.p50)}, p95 ${fmtMs(result.freshness.freshnessMs.p95)}; ${result.freshness.achieved.okRate.toFixed(0)} × 201/s`);

      if (!result.machine.postgresAutovacuum) await standInForAutovacuum(db, HOT_TABLES);
      // ---- 1. saturating ingest through the real api, then the backlog drain ------------------------------------------
      // (a) the whole system: api with the worker running (recomputes and aggregate refreshes compete for the cores).
      await waitUntilSettled(db, allPatients.length, opts['drain-timeout'] * 1000);
      const before = await growthProbe(db);
      const ingestPatients = shuffle(rand, [...ingestClinic.patientIds]);
      const load = { connections: opts.connections, duration: opts['ingest-duration'], postgresBackends: pgBackends.list };
      log(`ingest: autocannon ${opts.connections} connections × ${opts['ingest-duration']} s against the api, worker running`);
      rss = sampleRss(pids);
      result.ingest = { withWorker: await saturate({ baseUrl, token: ingestClinic.ingestToken, patientIds: ingestPatients, pids }, load) };
      const loadEnded = performance.now();
      log(`  api + worker: ${result.ingest.withWorker.requestsPerSecond.toFixed(0)} req/s, p50 ${result.ingest.withWorker.latencyMs.p50} ms, p99 ${result.ingest.withWorker.latencyMs.p99} ms, non-2xx ${result.ingest.withWorker.non2xx}`);
      const backlog = await backlogOf(db);
      cpu = await cpuMeter(pids, pgBackends.list);
      await waitUntilSettled(db, allPatients.length, opts['drain-timeout'] * 1000);
      result.ingest.backlog = { ...backlog, drainSeconds: (performance.now() - loadEnded) / 1000, drainCpu: await cpu.stop() };
      result.rss.saturation = rss.stop();
      result.ingest.growth = growthOf(before, await growthProbe(db));
      result.ingest.growth.unsealedAuditRows = (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL`)).rows[0].n;
      log(`  backlog at the end of the run: ${backlog.outboxRows} outbox rows of ${backlog.patients} patients, drained in ${result.ingest.backlog.drainSeconds.toFixed(1)} s`);

      // (b) api alone vs the bare node:http + pg server, interleaved (the machine's other load shifts over minutes).
      await Promise.all(stack.workers.map((w) => stopProcess(w)));
      const barePort = await freePort();
      stack.bare = startProcess('bare-ingest', 'bench/lib/bare-ingest-server.mjs', { DATABASE_URL: env.DATABASE_URL, PORT: String(barePort), DB_POOL_SIZE: env.DB_POOL_SIZE ?? '10' });
      await waitForHttp(`http://127.0.0.1:${barePort}/health`, stack.bare);
      result.ingest.api = [];
      result.ingest.bare = [];
      for (let round = 1; round <= opts['ingest-rounds']; round++) {
        const a = await saturate({ baseUrl, token: ingestClinic.ingestToken, patientIds: ingestPatients, pids: { api: pids.api } }, load);
        const b = await saturate({ baseUrl: `http://127.0.0.1:${barePort}`, patientIds: ingestPatients, pids: { bare: stack.bare.child.pid } }, load);
        result.ingest.api.push(a);
        result.ingest.bare.push(b);
        log(`  round ${round}: api alone ${a.requestsPerSecond.toFixed(0)} req/s (p50 ${a.latencyMs.p50} ms, p99 ${a.latencyMs.p99} ms), bare ${b.requestsPerSecond.toFixed(0)} req/s (p50 ${b.latencyMs.p50} ms, p99 ${b.latencyMs.p99} ms)`);
      }
      await stopProcess(stack.bare);
      const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)];
      result.ingest.apiMedianRps = median(result.ingest.api.map((x) => x.requestsPerSecond));
      result.ingest.bareMedianRps = median(result.ingest.bare.map((x) => x.requestsPerSecond));
      result.ingest.ratio = result.ingest.apiMedianRps / result.ingest.bareMedianRps;
      log(`  ratio api / bare ${result.ingest.ratio.toFixed(2)}`);

      // (c) the backlog the api-alone rounds left, drained by a freshly started worker.
      const coldBacklog = await backlogOf(db);
      t = performance.now();
      stack.workers = startWorkers();
      cpu = await cpuMeter(pids, pgBackends.list);
      await waitUntilSettled(db, allPatients.length, opts['drain-timeout'] * 1000);
      result.ingest.workers = opts.workers;
      result.ingest.coldBacklog = { ...coldBacklog, drainSeconds: (performance.now() - t) / 1000, drainCpu: await cpu.stop() };
      log(`  ${opts.workers === 1 ? 'a fresh worker' : `${opts.workers} fresh worker replicas`} drained ${coldBacklog.outboxRows} outbox rows of ${coldBacklog.patients} patients in ${result.ingest.coldBacklog.drainSeconds.toFixed(1)} s (incl. its start-up)`);
    } finally {
      client.close();
      await db.end();
      await repoDs.destroy();
    }
  } finally {
    await stopAll();
    await deleteRedisPrefix(env.REDIS_URL, env.BULLMQ_PREFIX).catch((e) => log(`could not clean Redis keys: ${e.message}`));
    if (!opts['keep-db']) await dropDatabase(env.DATABASE_URL).catch((e) => log(`could not drop the bench database: ${e.message}`));
  }

  result.costs = costModel(result);
  result.finishedAt = new Date().toISOString();
  result.totalSeconds = (Date.now() - started.getTime()) / 1000;
  const outBase = opts.out || join(ROOT, 'bench/results', `${started.toISOString().slice(0, 10)}-scale`);
  mkdirSync(join(outBase, '..'), { recursive: true });
  writeFileSync(`${outBase}.json`, `${JSON.stringify(result, null, 2)}\n`);
  const md = renderMarkdown(result);
  writeFileSync(`${outBase}.md`, md);
  console.log(`\n${md}`);
  log(`results written to ${relative(ROOT, outBase)}.json and .md (${result.totalSeconds.toFixed(0)} s in all)`);
}

const fmtMs = (v) => (v === null || v === undefined ? '—' : `${v.toFixed(0)} ms`);

function shuffle(rand, items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** The generated clinics as the database holds them: team, clinicians (by e-mail order), patients. */
async function readClinics(env) {
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT t.id, (regexp_match(t.name, '(\\d+)$'))[1]::int - 1 AS index,
              (SELECT array_agg(u.id::text ORDER BY u.email) FROM care_team_member m JOIN app_user u ON u.id = m.user_id WHERE m.care_team_id = t.id) AS clinicians,
              (SELECT array_agg(p.id::text ORDER BY p.pseudonym) FROM patient p WHERE p.care_team_id = t.id) AS patients
         FROM care_team t WHERE t.name LIKE 'Bench clinic %' ORDER BY 2`,
    );
    if (rows.length === 0) throw new Error('no generated clinics in the bench database (run without --reuse-db)');
    return rows.map((r) => ({ index: r.index, teamId: r.id, clinicianIds: r.clinicians, patientIds: r.patients ?? [] }));
  } finally {
    await db.end();
  }
}

async function describeDataset(env) {
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    const { rows: [c] } = await db.query(
      `SELECT (SELECT count(*) FROM patient)::int AS patients, (SELECT count(*) FROM care_team)::int AS clinics,
              (SELECT count(*) FROM intervention)::int AS interventions, (SELECT count(*) FROM visit)::int AS visits,
              (SELECT count(*) FROM pain_score)::int AS scores`,
    );
    return { counts: c, perPatient: { scores: c.scores / c.patients, interventions: c.interventions / c.patients, visits: c.visits / c.patients } };
  } finally {
    await db.end();
  }
}

/** Patients whose analytics facts the refresh job has still to write (the job's own definition of stale). */
/**
 * Production Postgres runs autovacuum; this machine's CI configuration turns it off (the bench records which).
 * Without it the planner keeps the statistics of empty tables while the worker fills them, and picks sequential
 * scans of millions of rows for per-patient queries (a refresh batch took 29 s instead of 0.4 s), and the outbox's
 * partial indexes fill with dead entries. So when it is off, the bench does what autovacuum would, between phases.
 */
const ANALYTICS_TABLES = ['analytics_patient', 'analytics_episode', 'analytics_episode_day', 'analytics_observation', 'analytics_trajectory_cell', 'analytics_responder_cell', 'analytics_attribution_cell'];
const HOT_TABLES = ['outbox', 'attribution', 'response_assessment', 'session', 'analytics_patient'];

async function standInForAutovacuum(db, tables, command = 'VACUUM (ANALYZE)') {
  await db.query(`${command} ${tables.join(', ')}`);
}

/** The pids of the Postgres backends serving the bench database (for its share of Postgres CPU). */
async function backendLister(env) {
  return {
    list: async () => {
      const c = new Client({ connectionString: env.DATABASE_URL });
      await c.connect();
      try {
        return (await c.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows.map((r) => r.pid);
      } finally {
        await c.end();
      }
    },
  };
}

async function backlogOf(db) {
  const { rows: [r] } = await db.query(`SELECT count(*)::int AS "outboxRows", count(DISTINCT patient_id)::int AS patients FROM outbox WHERE done_at IS NULL`);
  return r;
}

/** Bytes on disk per table (with indexes and TOAST) and per 1,000 patients. */
async function tableSizes(db, patients) {
  const { rows } = await db.query(
    `SELECT c.relname AS table, pg_total_relation_size(c.oid)::bigint AS bytes, pg_indexes_size(c.oid)::bigint AS index_bytes, c.reltuples::bigint AS rows
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY 2 DESC`,
  );
  const total = rows.reduce((s, r) => s + Number(r.bytes), 0);
  return {
    totalBytes: total,
    databaseBytes: Number((await db.query(`SELECT pg_database_size(current_database()) AS b`)).rows[0].b),
    bytesPer1000Patients: (total / patients) * 1000,
    tables: Object.fromEntries(rows.filter((r) => Number(r.bytes) > 64 * 1024).map((r) => [r.table, { bytes: Number(r.bytes), indexBytes: Number(r.index_bytes), rows: Number(r.rows) }])),
    rows: Object.fromEntries(rows.map((r) => [r.table, Number(r.rows)])),
  };
}

async function growthProbe(db) {
  const { rows: [r] } = await db.query(
    `SELECT (SELECT count(*) FROM pain_score WHERE source = 'api')::int AS scores,
            pg_total_relation_size('pain_score')::bigint AS pain_score, pg_total_relation_size('audit_log')::bigint AS audit_log,
            pg_total_relation_size('outbox')::bigint AS outbox, pg_database_size(current_database())::bigint AS database`,
  );
  return r;
}

function growthOf(a, b) {
  const scores = b.scores - a.scores;
  const per = (k) => (scores > 0 ? ((Number(b[k]) - Number(a[k])) / scores) * 1000 : null);
  return { scores, bytesPer1000Scores: { pain_score: per('pain_score'), audit_log: per('audit_log'), outbox: per('outbox'), database: per('database') } };
}

/** The per-1,000 figures docs/scaling.md derives its steps from. */
function costModel(r) {
  const api = r.ingest?.withWorker;
  const f = r.freshness;
  const perK = (cpuSeconds, n) => (n > 0 ? (cpuSeconds / n) * 1000 : null);
  const fOk = f ? (f.achieved.statuses[201] ?? 0) : 0;
  return {
    diskBytesPer1000Patients: r.sizes?.bytesPer1000Patients ?? null,
    ingestBytesPer1000Scores: r.ingest?.growth.bytesPer1000Scores ?? null,
    cpuSecondsPer1000ScoresSaturated: api ? {
      api: perK(api.cpu.apiSeconds, api.ok), worker: perK(api.cpu.workerSeconds + (r.ingest.backlog.drainCpu.workerSeconds ?? 0), api.ok),
      apiAlone: perK(r.ingest.api.reduce((s, x) => s + x.cpu.apiSeconds, 0), r.ingest.api.reduce((s, x) => s + x.ok, 0)),
      bareServer: perK(r.ingest.bare.reduce((s, x) => s + x.cpu.bareSeconds, 0), r.ingest.bare.reduce((s, x) => s + x.ok, 0)),
      postgresApiAlone: perK(r.ingest.api.reduce((s, x) => s + x.cpu.postgresSeconds, 0), r.ingest.api.reduce((s, x) => s + x.ok, 0)),
      postgresBare: perK(r.ingest.bare.reduce((s, x) => s + x.cpu.postgresSeconds, 0), r.ingest.bare.reduce((s, x) => s + x.ok, 0)),
      postgres: perK(api.cpu.postgresSeconds + (r.ingest.backlog.drainCpu.postgresSeconds ?? 0), api.ok),
    } : null,
    cpuSecondsPer1000ScoresSteady: f ? { api: perK(f.cpu.apiSeconds, fOk), worker: perK(f.cpu.workerSeconds, fOk), postgres: perK(f.cpu.postgresSeconds, fOk), redis: perK(f.cpu.redisSeconds, fOk) } : null,
    recomputeCpuSecondsPer1000Patients: r.recompute ? { engineProcess: perK(r.recompute.cpu.benchSeconds, r.recompute.sample), postgres: perK(r.recompute.cpu.postgresAllSeconds, r.recompute.sample) } : null, // the job's own pool comes and goes with it: every Postgres process counts
    analyticsRefreshCpuSecondsPer1000Patients: r.analyticsRefresh ? { worker: perK(r.analyticsRefresh.cpu.workerSeconds, r.analyticsRefresh.patients), postgres: perK(r.analyticsRefresh.cpu.postgresSeconds, r.analyticsRefresh.patients) } : null,
    rssMaxMiB: r.rss ? { api: Math.max(...Object.values(r.rss).map((p) => p?.api?.maxMiB ?? 0)), worker: Math.max(...Object.values(r.rss).map((p) => p?.worker?.maxMiB ?? 0)) } : null,
  };
}

runBenchmark(main, log);
