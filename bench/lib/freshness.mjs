// Phase 1: steady pain-score load through the real api; how long until GET …/attribution covers each score
// (its inputs include the score). `fresh` is not required: under 1 score/s per patient a newer score is nearly
// always pending, and the issue asks when an attribution covers *this* score.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ApiClient, mapLimit } from './http-client.mjs';
import { generatePatient } from './cohort.mjs';
import { cpuMeter } from './proc.mjs';
import { BENCH_ADMIN, freePort, startProcess, stopProcess, waitForHttp, waitForLog } from './stack.mjs';
import { prng, requireFromRoot, sleep, summarize } from './util.mjs';

const { Client } = requireFromRoot('pg');
const CLINICIAN = { email: 'bench-clinician@bench.test', password: 'harbor-lantern-basalt-31' };

export async function runFreshness(opts, env, log) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const stackEnv = { ...env, PORT: String(port), PUBLIC_BASE_URL: baseUrl };
  const api = startProcess('api', 'dist/apps/api/src/main.js', stackEnv);
  const worker = startProcess('worker', 'dist/apps/worker/src/main.js', stackEnv);
  const client = new ApiClient(baseUrl);
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    await waitForHttp(`${baseUrl}/health/ready`, api);
    await waitForLog(worker, /worker ready/);
    log(`api on ${baseUrl} and worker ready (logs in bench/tmp/)`);

    // A clinician and N patients with 90 days of history, all through the API.
    const admin = await client.expect(200, 'POST', '/api/v1/auth/login', { body: BENCH_ADMIN });
    const user = await client.expect(201, 'POST', '/api/v1/users', { token: admin.accessToken, body: { ...CLINICIAN, role: 'clinician', name: 'Bench Clinician' } });
    const { accessToken: token } = await client.expect(200, 'POST', '/api/v1/auth/login', { body: CLINICIAN });
    const rand = prng(opts.seed);
    const historyEnd = new Date(Date.now() - 60_000);
    const setupStart = performance.now();
    const patients = await mapLimit(Array.from({ length: opts['api-patients'] }, (_, i) => i), 4, async (i) => {
      const record = generatePatient(rand, { days: opts.days, end: historyEnd });
      const patient = await client.expect(201, 'POST', '/api/v1/patients', {
        token,
        body: { givenName: 'Bench', familyName: `Patient ${i}`, birthDate: '1961-04-17', timezone: 'Europe/Berlin', indexKnee: record.indexKnee, smsConsent: false },
      });
      for (const iv of record.interventions) {
        await client.expect(201, 'POST', `/api/v1/patients/${patient.id}/interventions`, {
          token,
          body: { type: iv.type, performedAt: iv.performedAt.toISOString(), endedAt: iv.endedAt?.toISOString(), laterality: iv.laterality ?? undefined, spinalLevels: iv.spinalLevels },
        });
      }
      if (record.scores.length > 0) {
        await client.expect(201, 'POST', `/api/v1/patients/${patient.id}/pain-scores/bulk`, {
          token, body: { items: record.scores.map((s) => ({ score: s.score, recordedAt: s.recordedAt.toISOString(), source: 'import' })) },
        });
      }
      return { id: patient.id, history: record.scores.length };
    });
    await waitUntilSettled(db, patients.length, 120_000);
    const setupSeconds = (performance.now() - setupStart) / 1000;
    log(`set up ${patients.length} patients with ${patients.reduce((s, p) => s + p.history, 0)} history scores in ${setupSeconds.toFixed(1)} s; all attributions fresh`);

    const measured = await measureFreshness({ opts, client, token, db, api, worker, patients });
    await stopProcess(worker);
    await stopProcess(api);
    return { clinicianUserId: user.id, patients: patients.length, historyScores: patients.reduce((s, p) => s + p.history, 0), setupSeconds, ...measured };
  } finally {
    client.close();
    await db.end();
    await stopProcess(worker);
    await stopProcess(api);
  }
}

/**
 * Steady open-loop load on a running api + worker: `opts.rate` scores/s for `opts.warmup` s and then `opts.duration` s
 * spread over `patients` ([{ id, history }], history = the patient's stored score count), following every
 * `opts['sample-every']`-th score of the measured part until the attribution covers it. The warm-up is the same
 * load, unmeasured: the stack first catches up on what the run's start brings (cold caches, the audit sealer and the
 * analytics refresh meeting these patients for the first time); what it saw is reported beside the measured part.
 * The stack keeps running afterwards.
 */
export async function measureFreshness({ opts, client, token, db, api, worker, patients, postgresBackends }) {
  {
    const workers = [].concat(worker); // one worker or its replicas
    const workerPids = () => workers.map((w) => w.child.pid);
    const logCounts = () => ({
      sweeps: workers.reduce((sum, w) => sum + [...readFileSync(w.logFile, 'utf8').matchAll(/"patients":(\d+)[^\n]*re-enqueueing recomputes/g)].reduce((s, m) => s + Number(m[1]), 0), 0),
    });
    // Open-loop load: request i is due at t0 + i/rate, whatever the answers before it took.
    const warmupCount = Math.round(opts.rate * (opts.warmup ?? 0));
    const measuredCount = Math.round(opts.rate * opts.duration);
    const total = warmupCount + measuredCount;
    const okPerPatient = new Array(patients.length).fill(0);
    const statuses = {};
    const postLatency = [];
    const followers = [];
    const freshness = [];
    let timeouts = 0;
    let polls = 0;
    let networkErrors = 0;
    let maxSendLag = 0;
    let lastResponseAt = 0;
    let logBefore = logCounts();
    let meter = await cpuMeter({ api: api.child.pid, worker: workerPids }, postgresBackends);
    const loadStart = new Date();
    let wallStart = loadStart;
    const t0 = performance.now() + 50;
    let measuredT0 = t0;

    // Polls every poll-ms for the first second, then backs off to at most 500 ms: past the goal's 1 s a finer
    // reading adds nothing, and hundreds of followers polling every 50 ms would load the api they measure.
    const follow = async (p, expected, t201) => {
      const deadline = t201 + opts['fresh-timeout'] * 1000;
      let pause = opts['poll-ms'];
      for (;;) {
        await sleep(pause);
        if (performance.now() - t201 > 1000) pause = Math.min(500, pause * 2);
        polls++;
        const res = await client.request('GET', `/api/v1/patients/${patients[p].id}/attribution`, { token }).catch(() => null);
        const now = performance.now();
        if (res?.status === 200 && res.body.status === 'computed' && res.body.inputs?.scores >= expected) {
          freshness.push(now - t201);
          return;
        }
        if (now > deadline) {
          timeouts++;
          freshness.push(now - t201);
          return;
        }
      }
    };

    const fire = (i) => {
      const intended = t0 + (i * 1000) / opts.rate;
      maxSendLag = Math.max(maxSendLag, performance.now() - intended);
      const p = i % patients.length;
      const body = { score: 2 + Math.floor(Math.random() * 7), recordedAt: new Date(Date.now() - 1000).toISOString() };
      const measured = i >= warmupCount;
      return client.request('POST', `/api/v1/patients/${patients[p].id}/pain-scores`, { token, body }).then(
        (res) => {
          const now = performance.now();
          if (res.status === 201) okPerPatient[p]++;
          if (!measured) return;
          lastResponseAt = now;
          postLatency.push(now - intended);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status !== 201) return;
          if (i % opts['sample-every'] === 0) followers.push(follow(p, patients[p].history + okPerPatient[p], now));
        },
        () => {
          if (measured) networkErrors++;
        },
      );
    };

    const inflight = [];
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - t0) * opts.rate) / 1000) + 1);
      while (sent < due) {
        if (sent === warmupCount && warmupCount > 0) {
          // The measured part starts: its CPU, its sweeps and its database view begin here.
          logBefore = logCounts();
          meter = await cpuMeter({ api: api.child.pid, worker: workerPids }, postgresBackends);
          wallStart = new Date();
          measuredT0 = t0 + (warmupCount * 1000) / opts.rate;
        }
        inflight.push(fire(sent++));
      }
      await sleep(2);
    }
    const sendSeconds = (performance.now() - measuredT0) / 1000;
    await Promise.all(inflight);
    const loadSeconds = (lastResponseAt - measuredT0) / 1000;
    await Promise.all(followers);
    // Postgres: the backends of the bench database when postgresBackends is given, else every Postgres process.
    const cpu = await meter.stop();
    const wallEnd = new Date();

    const ids = patients.map((p) => p.id);
    const server = await commitToRecompute(db, ids, wallStart, null);
    const warm = await commitToRecompute(db, ids, loadStart, wallStart);
    const logAfter = logCounts();
    const ok = statuses[201] ?? 0;
    return {
      startedAt: wallStart.toISOString(),
      endedAt: wallEnd.toISOString(),
      target: { rate: opts.rate, duration: opts.duration, requests: measuredCount, warmupSeconds: opts.warmup ?? 0, warmupRequests: warmupCount },
      achieved: {
        sendRate: measuredCount / sendSeconds,
        okRate: ok / loadSeconds,
        statuses,
        non201: measuredCount - ok,
        networkErrors,
        maxSendLagMs: maxSendLag,
      },
      postLatencyMs: summarize(postLatency),
      freshnessMs: summarize(freshness),
      freshnessSample: { every: opts['sample-every'], pollMs: opts['poll-ms'], polls, timeouts, timeoutSeconds: opts['fresh-timeout'] },
      serverSide: {
        scores: server.n,
        covered: server.done,
        p50Ms: server.p?.[0] ?? null, p95Ms: server.p?.[1] ?? null, p99Ms: server.p?.[2] ?? null, maxMs: server.max === null ? null : Number(server.max),
      },
      sweeperReenqueuedPatients: logAfter.sweeps - logBefore.sweeps,
      // The warm-up, as the database saw it (score commit → recompute start): what the measured part excludes.
      warmup: warmupCount === 0 ? null : { scores: warm.n, p50Ms: warm.p?.[0] ?? null, p95Ms: warm.p?.[1] ?? null, maxMs: warm.max === null ? null : Number(warm.max) },
      cpu,
    };
  }
}

/**
 * The freshness question asked of the database for every score these patients got through the api in [from, to)
 * (to null: up to now): from the score's commit (the outbox row created in its transaction) to the recompute
 * transaction that covered it. done_at is now() of that transaction, i.e. its start — a lower bound on the
 * API-observed figure.
 */
async function commitToRecompute(db, patientIds, from, to) {
  const { rows: [r] } = await db.query(
    `SELECT count(*)::int AS n, count(o.done_at)::int AS done,
            percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM o.done_at - s.received_at) * 1000) AS p,
            max(extract(epoch FROM o.done_at - s.received_at) * 1000) AS max
       FROM pain_score s JOIN outbox o ON o.patient_id = s.patient_id AND o.created_at = s.received_at
      WHERE s.source = 'api' AND s.received_at >= $1 AND ($2::timestamptz IS NULL OR s.received_at < $2) AND s.patient_id = ANY($3::uuid[])`,
    [from, to, patientIds],
  );
  return r;
}

/** Every patient has an attribution and no recompute is pending. */
export async function waitUntilSettled(db, patients, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows: [r] } = await db.query(
      `SELECT (SELECT count(*) FROM outbox WHERE done_at IS NULL)::int AS pending, (SELECT count(*) FROM attribution)::int AS computed`,
    );
    if (r.pending === 0 && r.computed >= patients) return;
    if (Date.now() > deadline) throw new Error(`worker did not settle within ${timeoutMs} ms (pending ${r.pending}, computed ${r.computed}/${patients})`);
    await sleep(250);
  }
}
