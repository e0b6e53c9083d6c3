// The Markdown report of a `npm run bench` run: one table of the six measurements against their goals,
// then the dataset, the costs per 1,000 patients / scores, and the machine.
import { fmt } from './util.mjs';

const ms = (v, d = 0) => (v === null || v === undefined ? '—' : `${fmt(v, d)} ms`);
const mib = (v) => (v === null || v === undefined ? '—' : `${fmt(v)} MiB`);
const bytes = (v) => {
  if (v === null || v === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${fmt(v, i === 0 ? 0 : 1)} ${units[i]}`;
};
const verdict = (ok) => (ok ? '**met**' : '**not met**');

export function renderMarkdown(r) {
  const m = r.machine;
  const d = r.dataset;
  const lines = [];
  const date = r.startedAt.slice(0, 10);
  lines.push(`# Scale benchmark ${date} (scale ${r.options.scale})`, '');
  lines.push(`Dataset: ${fmt(d.counts.patients)} patients in ${fmt(d.counts.clinics)} clinics, ${fmt(d.counts.scores)} pain scores, ${fmt(d.counts.interventions)} interventions, ${fmt(d.counts.visits)} visits `
    + `(${fmt(d.perPatient.scores, 1)} scores, ${fmt(d.perPatient.interventions, 2)} interventions per patient); ${bytes(r.sizes?.databaseBytes)} on disk.`, '');
  lines.push('| # | measurement | result | goal | |', '|---|---|---|---|---|');
  const i = r.ingest;
  if (i) {
    const runs = (xs) => xs.map((x) => `${fmt(x.requestsPerSecond)} req/s (p50 ${ms(x.latencyMs.p50)}, p99 ${ms(x.latencyMs.p99)})`).join('; ');
    lines.push(`| 1 | score ingest, real api alone (auth, validation, audit, outbox), ${i.api[0].connections} connections × ${i.api[0].durationSeconds} s, ${i.api.length} rounds | ${runs(i.api)}; non-2xx ${fmt(i.api.reduce((s, x) => s + x.non2xx, 0))} | | |`);
    lines.push(`| 1 | score ingest, bare node:http + pg insert, interleaved with the api rounds | ${runs(i.bare)} | | |`);
    lines.push(`| 1 | ratio api / bare (medians) | ${fmt(i.ratio, 2)} | ≥ 0.5 | ${verdict(i.ratio >= 0.5)} |`);
    lines.push(`| 1 | whole system: api with the worker running | ${runs([i.withWorker])}; non-2xx ${fmt(i.withWorker.non2xx)} | | |`);
  }
  const f = r.freshness;
  if (f) {
    lines.push(`| 2 | freshness at a steady ${f.target.rate} scores/s × ${f.target.duration} s${f.warmup ? ' after the warm-up' : ''}${f.workers > 1 ? `, ${f.workers} worker replicas` : ''} (${fmt(f.achieved.okRate, 0)} × 201/s achieved): 201 → attribution covering the score, n=${f.freshnessMs.n} | p50 ${ms(f.freshnessMs.p50)}, p95 ${ms(f.freshnessMs.p95)}, p99 ${ms(f.freshnessMs.p99)} (timeouts ${f.freshnessSample.timeouts}) | p95 < 1,000 ms | ${verdict(f.freshnessMs.p95 !== null && f.freshnessMs.p95 < 1000 && f.freshnessSample.timeouts === 0)} |`);
    lines.push(`| 2 | POST latency during the steady run | p50 ${ms(f.postLatencyMs.p50)}, p95 ${ms(f.postLatencyMs.p95)}, p99 ${ms(f.postLatencyMs.p99)} | | |`);
    if (f.warmup) lines.push(`| 2 | the ${f.target.warmupSeconds} s warm-up before it (same load, unmeasured), as the database saw it: score commit → recompute start, n=${fmt(f.warmup.scores)} | p50 ${ms(f.warmup.p50Ms)}, p95 ${ms(f.warmup.p95Ms)}, max ${ms(f.warmup.maxMs)} | | |`);
  }
  if (i) {
    lines.push(`| 2 | worker backlog at the end of the saturation run (worker running) | ${fmt(i.backlog.outboxRows)} outbox rows of ${fmt(i.backlog.patients)} patients, drained ${fmt(i.backlog.drainSeconds, 1)} s after the load stopped | | |`);
    if (i.coldBacklog) lines.push(`| 2 | backlog of the api-alone rounds, drained by ${(i.workers ?? 1) > 1 ? `${i.workers} freshly started worker replicas` : 'a freshly started worker'} | ${fmt(i.coldBacklog.outboxRows)} outbox rows of ${fmt(i.coldBacklog.patients)} patients in ${fmt(i.coldBacklog.drainSeconds, 1)} s (incl. start-up) = ${fmt(i.coldBacklog.patients / i.coldBacklog.drainSeconds)} patients/s | | |`);
  }
  const c = r.recompute;
  if (c) {
    lines.push(`| 3 | full recompute, real RecomputePatientJob (concurrency ${c.engine.concurrency}) on ${fmt(c.sample)} sampled patients | ${fmt(c.engine.patientsPerSecond)} patients/s (job p50 ${ms(c.engine.jobMs.p50, 1)}, p99 ${ms(c.engine.jobMs.p99, 1)}; load / evaluate / save ${fmt(c.engine.breakdown.meanLoadMs, 2)} / ${fmt(c.engine.breakdown.meanEvaluateMs, 2)} / ${fmt(c.engine.breakdown.meanSaveMs, 2)} ms) | | |`);
    lines.push(`| 3 | one-SQL-query baseline (window medians, same patients) | ${fmt(c.sql.patientsPerSecond)} patients/s; agrees on ${fmt(c.agreement.medianMatches)} / ${fmt(c.agreement.windows)} medians, ${fmt(c.agreement.baselineMatches)} / ${fmt(c.agreement.baselines)} baselines | | |`);
    lines.push(`| 3 | ratio job / SQL | ${fmt(c.ratioEngineToSql, 3)} | (report) | |`);
  }
  const a = r.analytics;
  if (a) {
    lines.push(`| 4 | analyst trajectory / responder-rates / attributions, ${a.filters.length} filter combinations × ${a.rounds} rounds (n=${a.allMs.n}) | p50 ${ms(a.allMs.p50, 1)}, p95 ${ms(a.allMs.p95, 1)}, max ${ms(a.allMs.max, 1)}; first round p95 ${ms(a.firstRoundMs.p95, 1)} | p95 < 300 ms | ${verdict(a.allMs.p95 < 300)} |`);
    for (const [endpoint, s] of Object.entries(a.perEndpointMs)) lines.push(`| 4 | &nbsp;&nbsp;${endpoint} | p50 ${ms(s.p50, 1)}, p95 ${ms(s.p95, 1)} | | |`);
  }
  const t = r.timeline;
  if (t) {
    lines.push(`| 5 | patient page (7 requests in parallel), ${fmt(t.pages)} random patients, ${fmt(t.meanScoresPerPage)} scores each on average | p50 ${ms(t.pageMs.p50, 1)}, p95 ${ms(t.pageMs.p95, 1)}, max ${ms(t.pageMs.max, 1)} | p95 < 50 ms | ${verdict(t.pageMs.p95 < 50)} |`);
    lines.push(`| 5 | &nbsp;&nbsp;slowest request of the page: ${slowestOf(t.perRequestMs)} | | | |`);
  }
  if (r.rss) {
    const phase = (p) => (r.rss[p] ? `${mib(r.rss[p].api?.maxMiB)} / ${mib(r.rss[p].worker?.maxMiB)}` : '—');
    lines.push(`| 6 | RSS max api / worker — aggregates refresh | ${phase('analyticsRefresh')} | | |`);
    lines.push(`| 6 | &nbsp;&nbsp;reads | ${phase('reads')} | | |`);
    lines.push(`| 6 | &nbsp;&nbsp;steady ${f?.target.rate ?? ''} scores/s | ${phase('steadyLoad')} | | |`);
    lines.push(`| 6 | &nbsp;&nbsp;saturation + drain | ${phase('saturation')} | | |`);
  }
  lines.push('');
  lines.push('## Preparing the dataset', '');
  if (d.timings) {
    const tm = d.timings;
    lines.push(`- COPY of ${fmt(d.counts.patients)} patients (identifiers encrypted with the product's FieldCipher): ${fmt(tm.patientsSeconds, 1)} s; clinical record (scores, interventions, visits) incl. rebuilding pain_score's indexes: ${fmt(tm.recordSeconds, 1)} s; `
      + `assessments + attributions via evaluatePatient in-process: ${fmt(tm.derivedSeconds, 1)} s (evaluate alone ${fmt(tm.evaluateSeconds, 1)} s); VACUUM ANALYZE ${fmt(tm.vacuumSeconds, 1)} s.`);
  }
  if (c) lines.push(`- Shortcut check: for ${fmt(c.shortcutCheck.identicalToJob)} of ${fmt(c.shortcutCheck.patients)} sampled patients the rows the real job wrote equal the in-process fill (ignoring computedAt).`);
  if (r.analyticsRefresh) lines.push(`- Analytics aggregates by the real worker's refresh job: ${fmt(r.analyticsRefresh.patients)} patients in ${fmt(r.analyticsRefresh.seconds, 1)} s = ${fmt(r.analyticsRefresh.patientsPerSecond)} patients/s (worker ${fmt(r.analyticsRefresh.cpu.workerSeconds, 1)} CPU-s, Postgres ${fmt(r.analyticsRefresh.cpu.postgresSeconds, 1)} CPU-s).`);
  lines.push('');
  const k = r.costs;
  if (k) {
    lines.push('## Costs (the inputs of docs/scaling.md)', '', '| per | cost |', '|---|---|');
    lines.push(`| 1,000 patients on disk (all tables with indexes) | ${bytes(k.diskBytesPer1000Patients)} |`);
    if (k.ingestBytesPer1000Scores) lines.push(`| 1,000 scores ingested through the api (pain_score / audit_log / outbox / whole database) | ${['pain_score', 'audit_log', 'outbox', 'database'].map((x) => bytes(k.ingestBytesPer1000Scores[x])).join(' / ')} |`);
    if (k.cpuSecondsPer1000ScoresSteady) lines.push(`| 1,000 scores at the steady rate, CPU-s api / worker / Postgres / Redis | ${['api', 'worker', 'postgres', 'redis'].map((x) => fmt(k.cpuSecondsPer1000ScoresSteady[x], 2)).join(' / ')} |`);
    if (k.cpuSecondsPer1000ScoresSaturated) {
      const c2 = k.cpuSecondsPer1000ScoresSaturated;
      lines.push(`| 1,000 scores saturated with the worker (incl. backlog drain), CPU-s api / worker / Postgres | ${['api', 'worker', 'postgres'].map((x) => fmt(c2[x], 2)).join(' / ')} |`);
      lines.push(`| 1,000 scores, api alone vs bare server: CPU-s of the server process / its Postgres backends | api ${fmt(c2.apiAlone, 2)} / ${fmt(c2.postgresApiAlone, 2)}; bare ${fmt(c2.bareServer, 2)} / ${fmt(c2.postgresBare, 2)} |`);
    }
    if (k.recomputeCpuSecondsPer1000Patients) lines.push(`| 1,000 patients recomputed, CPU-s job process / Postgres | ${fmt(k.recomputeCpuSecondsPer1000Patients.engineProcess, 2)} / ${fmt(k.recomputeCpuSecondsPer1000Patients.postgres, 2)} |`);
    if (k.analyticsRefreshCpuSecondsPer1000Patients) lines.push(`| 1,000 patients' aggregates refreshed, CPU-s worker / Postgres | ${fmt(k.analyticsRefreshCpuSecondsPer1000Patients.worker, 2)} / ${fmt(k.analyticsRefreshCpuSecondsPer1000Patients.postgres, 2)} |`);
    if (k.rssMaxMiB) lines.push(`| RSS max over the run, api / worker | ${mib(k.rssMaxMiB.api)} / ${mib(k.rssMaxMiB.worker)} |`);
    lines.push('');
  }
  if (r.sizes) {
    lines.push('## Largest tables', '', '| table | rows | total | of which indexes |', '|---|---|---|---|');
    for (const [name, s] of Object.entries(r.sizes.tables).slice(0, 10)) lines.push(`| ${name} | ${fmt(s.rows)} | ${bytes(s.bytes)} | ${bytes(s.indexBytes)} |`);
    lines.push('');
  }
  lines.push('## Machine', '');
  lines.push(`${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB RAM, ${m.platform}, Node ${m.node}, Postgres ${m.postgres}, Redis ${m.redis}; commit ${m.commit}${m.dirtyTree ? ' (with uncommitted changes)' : ''}; load average at start ${m.loadAverageAtStart.join(' / ')}. `
    + `The load generator, api, worker, Postgres and Redis share these cores (and other work on the machine).`, '');
  lines.push(`Postgres settings: ${Object.entries(m.postgresSettings ?? {}).map(([k2, v]) => `${k2}=${v}`).join(', ')}.`, '');
  if (r.options.note) lines.push(`Note: ${r.options.note}`, '');
  lines.push(`Run took ${fmt(r.totalSeconds)} s. Options: \`${JSON.stringify(r.options)}\``, '');
  return `${lines.join('\n')}`;
}

function slowestOf(perRequest) {
  return Object.entries(perRequest).sort((x, y) => y[1].p95 - x[1].p95).slice(0, 3).map(([k, s]) => `${k} p95 ${ms(s.p95, 1)}`).join(', ');
}
