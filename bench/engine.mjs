#!/usr/bin/env node
// `npm run bench:engine [-- --duration 10 --rate 50 --patients 1000]`
// 1. freshness: steady pain-score load through the real api + worker, time until the attribution is fresh;
// 2. full recompute: a generated cohort through the real recompute job vs one SQL query of the same medians.
// Everything runs on this machine (127.0.0.1) against a dedicated database and BullMQ prefix.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runFreshness } from './lib/freshness.mjs';
import { machineInfo } from './lib/machine.mjs';
import { runRecompute } from './lib/recompute.mjs';
import { deleteRedisPrefix, dropDatabase, prepareDatabase, runBenchmark, stopAll } from './lib/stack.mjs';
import { fmt, parseArgs, requireLoopback, ROOT } from './lib/util.mjs';

const log = (line) => console.log(`[bench] ${line}`);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist/apps/api/src/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm run bench:engine does)');
  const base = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/relieftrace_bench');
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: requireLoopback(base.toString(), 'BENCH_DATABASE_URL'),
    REDIS_URL: requireLoopback(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379', 'BENCH_REDIS_URL'),
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000', // replaced by the api's real port once chosen
    BULLMQ_PREFIX: `rt-bench-${process.pid}-${Date.now().toString(36)}`,
    LOG_LEVEL: 'info',
    ADMIN_EMAIL: '',
    ADMIN_PASSWORD: '',
    // Throw-away keys for the identifiers encrypted at rest (production refuses the built-in development ones).
    PII_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    PII_INDEX_KEY: randomBytes(32).toString('base64'),
    // Production also refuses the development audit-chain key.
    AUDIT_CHAIN_KEY: randomBytes(32).toString('base64'),
  };
  const started = new Date();
  const result = { benchmark: 'engine', startedAt: started.toISOString(), options: opts, machine: await machineInfo(env), freshness: null, recompute: null };

  try {
    log(`preparing ${base.pathname.slice(1)} (dropped and migrated afresh), BullMQ prefix ${env.BULLMQ_PREFIX}`);
    await prepareDatabase(env);
    if (!opts['skip-freshness']) {
      log(`freshness: ${opts['api-patients']} patients, ${opts.rate} scores/s for ${opts.duration} s`);
      result.freshness = await runFreshness(opts, env, log);
    }
    if (!opts['skip-recompute']) {
      log(`full recompute: ${opts.patients} patients × ${opts.days} days`);
      result.recompute = await runRecompute(opts, env, log);
    }
  } finally {
    await stopAll();
    await deleteRedisPrefix(env.REDIS_URL, env.BULLMQ_PREFIX).catch((e) => log(`could not clean Redis keys: ${e.message}`));
    if (!opts['keep-db']) await dropDatabase(env.DATABASE_URL).catch((e) => log(`could not drop the bench database: ${e.message}`));
  }

  result.finishedAt = new Date().toISOString();
  result.totalSeconds = (Date.now() - started.getTime()) / 1000;
  const out = opts.out || join(ROOT, 'bench/results', `${started.toISOString().slice(0, 10)}-engine.json`);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${table(result)}\n`);
  log(`results written to ${relative(ROOT, out)} (${result.totalSeconds.toFixed(0)} s in all)`);
}

function table(r) {
  const rows = [];
  const ms = (v) => (v === null || v === undefined ? '—' : `${fmt(v)} ms`);
  const f = r.freshness;
  if (f) {
    rows.push(['Freshness (api + worker, steady load)', '']);
    rows.push(['  target load', `${f.target.rate} scores/s × ${f.target.duration} s over ${f.patients} patients (${fmt(f.historyScores)} history scores)`]);
    rows.push(['  achieved', `${fmt(f.achieved.sendRate, 1)} sent/s, ${fmt(f.achieved.okRate, 1)} × 201/s; non-201: ${f.achieved.non201} ${JSON.stringify(f.achieved.statuses)}`]);
    rows.push(['  POST latency p50 / p95 / p99 / max', `${ms(f.postLatencyMs.p50)} / ${ms(f.postLatencyMs.p95)} / ${ms(f.postLatencyMs.p99)} / ${ms(f.postLatencyMs.max)}`]);
    rows.push([`  201 → attribution covering the score (n=${f.freshnessMs.n})`, `p50 ${ms(f.freshnessMs.p50)}, p95 ${ms(f.freshnessMs.p95)}, p99 ${ms(f.freshnessMs.p99)}, max ${ms(f.freshnessMs.max)}  [goal p95 < 1,000 ms: ${f.freshnessMs.p95 !== null && f.freshnessMs.p95 < 1000 ? 'met' : 'NOT met'}]`]);
    rows.push(['  (sampling)', `every ${f.freshnessSample.every}th score, polled every ${f.freshnessSample.pollMs} ms; timeouts ${f.freshnessSample.timeouts}`]);
    rows.push([`  DB: commit → recompute tx start (n=${f.serverSide.scores})`, `p50 ${ms(f.serverSide.p50Ms)}, p95 ${ms(f.serverSide.p95Ms)}, p99 ${ms(f.serverSide.p99Ms)}, max ${ms(f.serverSide.maxMs)}`]);
    rows.push(['  sweeper re-enqueues', `${f.sweeperReenqueuedPatients}`]);
    if (f.warmup) rows.push([`  warm-up, ${f.target.warmupSeconds} s unmeasured (DB view, n=${f.warmup.scores})`, `p50 ${ms(f.warmup.p50Ms)}, p95 ${ms(f.warmup.p95Ms)}, max ${ms(f.warmup.maxMs)}`]);
    rows.push(['  CPU s (api / worker / postgres / redis / bench)', `${[f.cpu.apiSeconds, f.cpu.workerSeconds, f.cpu.postgresSeconds, f.cpu.redisSeconds, f.cpu.benchSeconds].map((s) => fmt(s, 1)).join(' / ')} in ${fmt(f.cpu.wallSeconds, 1)} s wall × ${r.machine.cores} cores`]);
  }
  const c = r.recompute;
  if (c) {
    rows.push(['Full recompute', '']);
    rows.push(['  cohort', `${fmt(c.cohort.patients)} patients × ${c.cohort.days} days: ${fmt(c.cohort.scores)} scores, ${fmt(c.cohort.interventions)} interventions (loaded in ${fmt(c.cohort.loadSeconds, 1)} s)`]);
    rows.push([`  engine (RecomputePatientJob, concurrency ${c.engine.concurrency})`, `${fmt(c.engine.patientsPerSecond)} patients/s (${fmt(c.engine.seconds, 1)} s; job p50 ${ms(c.engine.jobMs.p50)}, p99 ${ms(c.engine.jobMs.p99)})`]);
    rows.push(['  one job, sequential: load / evaluate / save', `${fmt(c.engine.breakdown.meanLoadMs, 2)} / ${fmt(c.engine.breakdown.meanEvaluateMs, 2)} / ${fmt(c.engine.breakdown.meanSaveMs, 2)} ms`]);
    rows.push(['  SQL baseline (one query, percentile_cont)', `${fmt(c.sql.patientsPerSecond)} patients/s (${fmt(c.sql.seconds, 2)} s for ${fmt(c.sql.windows)} windows)`]);
    rows.push(['  ratio engine / SQL', `${fmt(c.ratioEngineToSql, 3)}`]);
    rows.push(['  SQL agrees with engine', `${fmt(c.agreement.medianMatches)} / ${fmt(c.agreement.windows)} window medians, ${fmt(c.agreement.baselineMatches)} / ${fmt(c.agreement.baselines)} baselines`]);
  }
  const m = r.machine;
  rows.push(['Machine', `${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, Postgres ${m.postgres}, Redis ${m.redis}`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => (v === '' ? k : `${k.padEnd(width)}  ${v}`)).join('\n');
}

runBenchmark(main, log);
