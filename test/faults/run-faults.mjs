// npm run test:faults — Jepsen-style: real api and worker processes on the suite's own Postgres and Redis,
// a client posting pain scores throughout, faults injected one after another, then every acknowledged write
// accounted for. Prints one accounting line and exits non-zero when any invariant fails.
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Postgres, RedisServer, ROOT, runNodeSync, Sandbox, sleep, startNode, stopChild, freePort, waitFor } from './lib/services.mjs';
import { isPlainError, ScoreLoad } from './lib/workload.mjs';
import { prng } from '../../bench/lib/util.mjs';

const require = createRequire(join(ROOT, 'package.json'));
const { Client } = require('pg');
const { Queue } = require('bullmq');
const twilio = require('twilio');

const OPTS = {
  patients: Number(process.env.FAULTS_PATIENTS ?? 48),
  clients: Number(process.env.FAULTS_CLIENTS ?? 8),
  maxScores: Number(process.env.FAULTS_MAX_SCORES ?? 30_000),
  settleMs: 150_000,
  seed: 8,
};
const ADMIN = { email: 'faults-admin@faults.test', password: 'granite-willow-harbor-83' };
const CLINICIAN = { email: 'faults-clinician@faults.test', password: 'copper-lantern-meadow-41' };
const TWILIO_AUTH_TOKEN = 'faults-twilio-auth-token-0123456789';
const PREFIX = 'faults';
const t0 = Date.now();
const say = (message) => console.log(`[faults +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
const fmt = (n) => Number(n).toLocaleString('en-US');

const sandbox = new Sandbox();
let finished = false;
const cleanup = () => {
  if (finished) return;
  finished = true;
  sandbox.cleanupSync();
};
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {
  console.error(`fault suite interrupted (${signal}); cleaning up`);
  cleanup();
  process.exit(130);
});

async function main() {
  const [pgPort, redisPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const pg = new Postgres(sandbox, pgPort);
  const redis = new RedisServer(sandbox, redisPort);
  say(`sandbox ${sandbox.dir}: Postgres :${pgPort}${sandbox.pgUser ? ` (as ${sandbox.pgUser})` : ''}, Redis :${redisPort}, api :${apiPort}`);
  pg.init();
  pg.start();
  await redis.start();

  const databaseUrl = pg.url('relieftrace_faults');
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  const smsControl = sandbox.path('sms-provider.json');
  const setSms = (mode, delayMs = 0) => writeFileSync(smsControl, JSON.stringify({ mode, delayMs }));
  setSms('ok');
  const env = {
    NODE_ENV: 'development', LOG_LEVEL: 'warn', PORT: String(apiPort), DATABASE_URL: databaseUrl, REDIS_URL: redis.url, BULLMQ_PREFIX: PREFIX,
    PUBLIC_BASE_URL: baseUrl, SMS_PROVIDER: 'console', TWILIO_AUTH_TOKEN, CORS_ORIGINS: '',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000', WEBHOOK_RATE_LIMIT_PER_MINUTE: '100000', SMS_LINK_RATE_LIMIT_PER_MINUTE: '10000',
    OUTBOX_SWEEP_AFTER_MS: '3000', OUTBOX_SWEEP_INTERVAL_MS: '1000', JOB_LOCK_DURATION_MS: '4000',
    SMS_DISPATCH_INTERVAL_MS: '500', SMS_SENDING_TIMEOUT_MS: '5000', SMS_PROVIDER_TIMEOUT_MS: '1500', SMS_REMINDER_AFTER_MINUTES: '600',
    WORKER_CONCURRENCY: '4', ADMIN_EMAIL: '', ADMIN_PASSWORD: '',
  };
  delete env.CORS_ORIGINS;
  runNodeSync('dist/apps/api/src/cli/prepare.js', { ...env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  say('database migrated');

  // ── processes ───────────────────────────────────────────────────────────
  let api = null;
  let worker = null;
  let workerStarts = 0;
  const startApi = async () => {
    api = startNode(sandbox, 'api', 'dist/apps/api/src/main.js', env);
    await waitFor(async () => {
      if (api.child.exitCode !== null) throw new Error(`api exited during start-up:\n${api.log().slice(-3000)}`);
      return (await fetch(`${baseUrl}/health/live`).then((r) => r.ok).catch(() => false));
    }, 60_000, 'the api to listen');
  };
  const startWorker = async () => {
    const before = worker ? worker.log().length : 0;
    worker = startNode(sandbox, 'worker', 'dist/apps/worker/src/main.js', { ...env, LOG_LEVEL: 'info', FAULT_SMS_CONTROL: smsControl }, ['--require', join(ROOT, 'test/faults/fault-sms-provider.cjs')]);
    workerStarts++;
    await waitFor(() => {
      if (worker.child.exitCode !== null) throw new Error(`worker exited during start-up:\n${worker.log().slice(-3000)}`);
      return worker.log().slice(before).includes('worker ready');
    }, 60_000, 'the worker to be ready');
  };
  await startApi();
  await startWorker();
  say('api and worker up');

  const sql = async (text, params = []) => {
    for (let attempt = 1; ; attempt++) {
      const client = new Client({ connectionString: databaseUrl });
      client.on('error', () => undefined);
      try {
        await client.connect();
        return (await client.query(text, params)).rows;
      } catch (error) {
        if (attempt >= 40) throw error;
        await sleep(250);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  };
  const http = async (method, path, { token, body } = {}) => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return json;
  };
  const login = async (who) => (await http('POST', '/api/v1/auth/login', { body: who })).accessToken;

  // ── cohort: a clinician, patients with SMS consent, one diagnostic injection each (plans its prompts) ──
  const adminToken = await login(ADMIN);
  await http('POST', '/api/v1/users', { token: adminToken, body: { ...CLINICIAN, role: 'clinician', name: 'Fault Suite' } });
  const token = await login(CLINICIAN);
  const patients = [];
  const phones = new Map();
  for (let i = 0; i < OPTS.patients; i++) {
    const phone = `+1415555${String(100 + i).padStart(4, '0')}`;
    const p = await http('POST', '/api/v1/patients', { token, body: { givenName: 'Fault', familyName: `Patient${i}`, birthDate: '1961-03-04', mrn: `FLT-${i}`, phone, timezone: 'UTC', indexKnee: 'left', smsConsent: true } });
    await http('POST', `/api/v1/patients/${p.id}/interventions`, { token, body: { type: 'knee_anesthetic_injection', performedAt: new Date(Date.now() - 5 * 60_000).toISOString() } });
    patients.push(p.id);
    phones.set(p.id, phone);
  }
  say(`${patients.length} patients with diary prompts planned`);

  // ── the workload ────────────────────────────────────────────────────────
  const rng = prng(OPTS.seed);
  const load = new ScoreLoad({ baseUrl, token, patients, rng, clients: OPTS.clients, maxScores: OPTS.maxScores, runId: `faults-${randomBytes(4).toString('hex')}` }).start();

  const faults = [];
  const checks = { readiness: [], gracefulExits: [], webhookPairs: 0, duplicateJobs: 0, problems: [] };
  const fault = async (name, fn) => {
    say(`fault ${faults.length + 1}: ${name}`);
    await fn();
    faults.push(name);
  };
  const ready = async () => (await fetch(`${baseUrl}/health/ready`).then((r) => r.status).catch(() => 0));
  const expectReadiness = async (what, status, timeoutMs) => {
    try {
      await waitFor(async () => (await ready()) === status, timeoutMs, `readiness ${status} (${what})`);
      checks.readiness.push(`${what} ${status}`);
    } catch (error) {
      checks.problems.push(error.message);
    }
  };
  /** Waits (briefly) until recompute jobs are in flight, so a kill lands mid-batch. */
  const busyWorker = () => waitFor(async () => Number((await sql(`SELECT count(*) AS n FROM outbox WHERE enqueued_at IS NOT NULL AND done_at IS NULL`))[0].n) > 0, 5_000, 'recompute jobs in flight').catch(() => undefined);
  const killWorker = async () => {
    await busyWorker();
    worker.child.kill('SIGKILL');
    await worker.exited;
    await sleep(300);
    await startWorker();
  };
  let waveNo = 0;
  const wavePatients = (n) => patients.slice((n * 12) % patients.length, (n * 12) % patients.length + 12);
  /** Makes each patient's earliest pending prompt due now. */
  const dueWave = async () => {
    const ids = wavePatients(waveNo++);
    const rows = await sql(
      `UPDATE sms_prompt SET due_at = now(), updated_at = now() WHERE id IN (
         SELECT DISTINCT ON (patient_id) id FROM sms_prompt WHERE status = 'pending' AND kind <> 'reminder' AND patient_id = ANY($1::uuid[]) ORDER BY patient_id, due_at)
       RETURNING id`, [ids]);
    return rows.map((r) => r.id);
  };
  const bull = (queue) => new Queue(queue, { connection: { host: '127.0.0.1', port: redisPort, maxRetriesPerRequest: 1 }, prefix: PREFIX });
  const signedPost = async (path, params) => {
    const signature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${baseUrl}${path}`, params);
    const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params) });
    return { status: res.status, text: await res.text() };
  };

  await sleep(4_000);
  await fault('SIGKILL the worker mid-batch, restart it', killWorker);
  await sleep(2_000);
  await fault('SMS provider fails (transient 503s) while a wave of prompts is due', async () => {
    setSms('transient');
    await dueWave();
    await sleep(3_500);
    setSms('ok');
  });
  await sleep(2_000);
  await fault('SIGKILL the worker mid-send (provider slowed so a prompt is caught in "sending")', async () => {
    setSms('slow', 2_000);
    await dueWave();
    await waitFor(async () => (await sql(`SELECT 1 FROM sms_prompt WHERE status = 'sending'`)).length > 0, 15_000, 'a prompt in sending').catch(() => undefined);
    worker.child.kill('SIGKILL');
    await worker.exited;
    setSms('ok');
    await startWorker();
  });
  await sleep(2_000);
  await fault('SIGKILL the worker mid-batch, restart it', killWorker);
  await sleep(3_000);
  await fault('Redis: FLUSHALL, then restart (empty)', async () => {
    await redis.command('FLUSHALL');
    await redis.stop('SIGTERM');
    await expectReadiness('redis down', 503, 10_000);
    await sleep(1_500);
    const logBefore = worker.log().length;
    await redis.start();
    await expectReadiness('redis back', 200, 30_000);
    // The job schedulers (SMS dispatch, audit sealing, analytics) lived in Redis: the worker must put them back.
    await waitFor(() => worker.log().slice(logBefore).includes('job scheduler missing from Redis; registered again'), 20_000, 'the worker to restore its job schedulers')
      .then(() => checks.readiness.push('schedulers restored'), (error) => checks.problems.push(error.message));
  });
  await sleep(4_000);
  await fault('Postgres: restart (fast shutdown)', async () => {
    pg.stop('fast');
    await expectReadiness('postgres down', 503, 10_000);
    await sleep(1_500);
    pg.start();
    await expectReadiness('postgres back', 200, 30_000);
  });
  await sleep(3_000);
  await fault('SMS provider hangs (every send times out) while a wave is due', async () => {
    setSms('hang');
    await dueWave();
    await sleep(5_000);
    setSms('ok');
  });
  await sleep(1_000);
  await fault('the same job delivered twice (recompute ×2, SMS send ×2 for sent and for fresh prompts)', async () => {
    const recompute = bull('recompute');
    const sms = bull('sms');
    try {
      for (const patientId of patients.slice(0, 4)) {
        for (const copy of ['a', 'b']) await recompute.add('recompute-patient', { patientId, outboxId: '0' }, { jobId: `fault-dup-${patientId}-${copy}`, removeOnComplete: true, attempts: 3 });
        checks.duplicateJobs += 2;
      }
      const sent = await sql(`SELECT id, due_at FROM sms_prompt WHERE status IN ('sent', 'unknown') LIMIT 4`);
      const fresh = (await dueWave()).slice(0, 4);
      const freshRows = fresh.length ? await sql(`SELECT id, due_at FROM sms_prompt WHERE id = ANY($1::uuid[])`, [fresh]) : [];
      for (const p of [...sent, ...freshRows]) {
        for (const copy of ['a', 'b']) await sms.add('sms-send-prompt', { promptId: p.id, dueAtMs: new Date(p.due_at).getTime() }, { jobId: `fault-dup-${p.id}-${copy}`, removeOnComplete: true, attempts: 3, backoff: { type: 'fixed', delay: 500 } });
        checks.duplicateJobs += 2;
      }
    } finally {
      await recompute.close();
      await sms.close();
    }
  });
  await sleep(2_000);
  await fault('the same webhook delivered twice (delivery status ×2, inbound reply ×2)', async () => {
    const sent = await sql(`SELECT id, patient_id, provider_message_id FROM sms_prompt WHERE status = 'sent' AND kind <> 'reminder' AND answered_at IS NULL AND expires_at > now() LIMIT 6`);
    for (const p of sent.slice(0, 3)) {
      for (let i = 0; i < 2; i++) {
        const res = await signedPost('/webhooks/sms/twilio/status', { MessageSid: p.provider_message_id, MessageStatus: 'delivered', To: phones.get(p.patient_id) });
        if (res.status !== 204) checks.problems.push(`status webhook answered ${res.status}`);
      }
      checks.webhookPairs++;
    }
    for (const p of sent.slice(3, 6)) {
      for (let i = 0; i < 2; i++) {
        const res = await signedPost('/webhooks/sms/twilio', { MessageSid: `SMfault${p.id.replaceAll('-', '')}`, From: phones.get(p.patient_id), Body: '4' });
        if (res.status !== 200) checks.problems.push(`inbound webhook answered ${res.status}`);
      }
      checks.webhookPairs++;
    }
    checks.webhookPrompts = sent.map((p) => p.id);
    checks.inboundPatients = sent.slice(3, 6).map((p) => p.patient_id);
    checks.statusPrompts = sent.slice(0, 3).map((p) => p.id);
  });
  await sleep(1_000);
  await fault('SIGKILL the worker mid-batch, restart it', killWorker);
  await sleep(3_000);
  await fault('Postgres: crash (immediate stop) and recovery', async () => {
    pg.stop('immediate');
    await expectReadiness('postgres crashed', 503, 10_000);
    await sleep(1_000);
    pg.start();
    await expectReadiness('postgres recovered', 200, 30_000);
  });
  await sleep(3_000);
  await fault('api: SIGTERM under load (graceful), restart', async () => {
    const exit = await stopChild(api, 'SIGTERM', 30_000);
    checks.gracefulExits.push({ name: 'api', ...exit });
    await startApi();
  });
  await sleep(2_000);
  await fault('worker: SIGTERM mid-batch (graceful), restart', async () => {
    await busyWorker();
    const exit = await stopChild(worker, 'SIGTERM', 30_000);
    checks.gracefulExits.push({ name: 'worker', ...exit });
    await startWorker();
  });
  await dueWave();
  await sleep(6_000);
  await load.stop();
  say(`load stopped: ${fmt(load.acked.size)} scores acknowledged; settling`);

  // ── settle: every outbox row done, every due prompt out of pending/queued/sending ──
  const settleStarted = Date.now();
  try {
    await waitFor(async () => {
      const [{ outbox, prompts }] = await sql(`SELECT (SELECT count(*) FROM outbox WHERE done_at IS NULL)::int AS outbox,
        (SELECT count(*) FROM sms_prompt WHERE due_at <= now() AND status IN ('pending', 'queued', 'sending'))::int AS prompts`);
      return outbox === 0 && prompts === 0;
    }, OPTS.settleMs, 'the outbox and due prompts to settle');
  } catch (error) {
    checks.problems.push(error.message);
  }
  say(`settled in ${((Date.now() - settleStarted) / 1000).toFixed(1)}s`);
  await expectReadiness('end of run', 200, 10_000);

  // ── accounting ──────────────────────────────────────────────────────────
  const stored = await sql(`SELECT id, patient_id, recorded_at FROM pain_score WHERE source NOT IN ('sms_reply', 'sms_link')`);
  const storedIds = new Set(stored.map((r) => r.id));
  const ackedIds = new Set([...load.acked.values()].map((a) => a.id));
  const lost = [...ackedIds].filter((id) => !storedIds.has(id)).length;
  const distinct = new Set(stored.map((r) => `${r.patient_id}|${new Date(r.recorded_at).toISOString()}`)).size;
  const duplicated = stored.length - distinct;
  const unacknowledged = stored.filter((r) => !ackedIds.has(r.id)).length;
  const stale = await sql(`
    SELECT p.id FROM patient p LEFT JOIN attribution a ON a.patient_id = p.id
     WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.patient_id = p.id AND o.done_at IS NULL)
        OR (EXISTS (SELECT 1 FROM pain_score s WHERE s.patient_id = p.id)
            AND (a.patient_id IS NULL OR a.score_count <> (SELECT count(*) FROM pain_score s WHERE s.patient_id = p.id)))`);

  const prompts = await sql(`SELECT id, status, encode(token_hash, 'hex') AS token, provider_message_id FROM sms_prompt WHERE due_at <= now() AND kind <> 'reminder'`);
  const messages = await sql(`SELECT body, provider_message_id FROM sms_console_message`);
  const promptByToken = new Map(prompts.filter((p) => p.token).map((p) => [p.token, p]));
  const textsPerPrompt = new Map();
  let orphanTexts = 0;
  for (const m of messages) {
    const token = /\/s\/([A-Za-z0-9_-]{43})/.exec(m.body)?.[1];
    const prompt = token && promptByToken.get(createHash('sha256').update(token).digest('hex'));
    if (!prompt) orphanTexts++;
    else textsPerPrompt.set(prompt.id, (textsPerPrompt.get(prompt.id) ?? 0) + 1);
  }
  const byStatus = {};
  let smsViolations = 0;
  for (const p of prompts) {
    byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
    const texts = textsPerPrompt.get(p.id) ?? 0;
    if (p.status === 'sent' && texts !== 1) smsViolations++;
    if (p.status === 'unknown' && texts > 1) smsViolations++;
    if (['failed', 'skipped', 'cancelled'].includes(p.status) && texts !== 0) smsViolations++;
    if (['pending', 'queued', 'sending'].includes(p.status)) smsViolations++;
  }
  const doubleTexts = [...textsPerPrompt.values()].filter((n) => n > 1).length + orphanTexts;
  const replies = checks.inboundPatients?.length
    ? await sql(`SELECT patient_id, count(*)::int AS n FROM pain_score WHERE source = 'sms_reply' AND patient_id = ANY($1::uuid[]) GROUP BY patient_id`, [checks.inboundPatients])
    : [];
  const doubleReplies = replies.filter((r) => r.n !== 1).length + ((checks.inboundPatients?.length ?? 0) - replies.length);
  const deliveryAudits = checks.statusPrompts?.length
    ? await sql(`SELECT resource_id, count(*)::int AS n FROM audit_log WHERE action = 'sms_prompt.delivery' AND resource_id = ANY($1::text[]) GROUP BY resource_id`, [checks.statusPrompts])
    : [];
  const doubleDeliveries = deliveryAudits.filter((r) => r.n !== 1).length + ((checks.statusPrompts?.length ?? 0) - deliveryAudits.length);

  // ── graceful shutdown at the end: both exit 0 ──
  for (const handle of [api, worker]) checks.gracefulExits.push({ name: handle.name, ...(await stopChild(handle, 'SIGTERM', 30_000)) });
  const badExits = checks.gracefulExits.filter((e) => e.code !== 0);

  const s = load.stats;
  const count503 = s.status.get(503) ?? 0;
  console.log('');
  console.log(`faults ${faults.length}, acknowledged ${fmt(load.acked.size)}, stored ${fmt(stored.length)}, lost ${lost}, duplicated ${duplicated}, stale attributions ${stale.length}`);
  console.log(`sms: ${prompts.length} due prompts — ${Object.entries(byStatus).sort().map(([k, v]) => `${k} ${v}`).join(', ')}; texts ${messages.length}, sent more than once ${doubleTexts}, state violations ${smsViolations}`);
  console.log(`duplicates injected: ${checks.duplicateJobs} jobs, ${checks.webhookPairs} webhook pairs (double-counted replies ${doubleReplies}, double-recorded deliveries ${doubleDeliveries})`);
  console.log(`http: ${fmt(s.requests)} requests, 503 ${fmt(count503)} (all retried, plain body: ${s.bad503Bodies.length === 0 ? 'yes' : 'NO'}), other 5xx ${s.serverErrors.length}, rejected ${s.rejected.length}, abandoned ${s.abandoned}, connection errors ${fmt(s.networkErrors)}, unacknowledged but stored ${unacknowledged}`);
  console.log(`readiness: ${checks.readiness.join(', ')}; worker starts ${workerStarts}; graceful exits ${checks.gracefulExits.map((e) => `${e.name}=${e.code ?? e.signal}`).join(' ')}`);

  const failures = [
    lost && `${lost} acknowledged scores lost`,
    duplicated && `${duplicated} scores stored twice`,
    unacknowledged && `${unacknowledged} stored scores never acknowledged`,
    stale.length && `${stale.length} stale attributions`,
    doubleTexts && `${doubleTexts} prompts texted more than once`,
    smsViolations && `${smsViolations} prompts in a state that does not match their texts`,
    doubleReplies && `${doubleReplies} duplicated inbound replies counted twice (or not at all)`,
    doubleDeliveries && `${doubleDeliveries} duplicated delivery callbacks recorded twice (or not at all)`,
    s.serverErrors.length && `${s.serverErrors.length} 5xx responses other than 503: ${JSON.stringify(s.serverErrors.slice(0, 3))}`,
    s.bad503Bodies.length && `503 bodies not in the plain error shape: ${JSON.stringify(s.bad503Bodies.slice(0, 2))}`,
    s.rejected.length && `${s.rejected.length} scores rejected: ${JSON.stringify(s.rejected.slice(0, 3))}`,
    s.abandoned && `${s.abandoned} scores abandoned by the client`,
    badExits.length && `graceful shutdown failed: ${JSON.stringify(badExits)}`,
    ...checks.problems,
  ].filter(Boolean);
  if (failures.length > 0) {
    console.error(`\nFAULT SUITE FAILED:\n- ${failures.join('\n- ')}`);
    // The logs outlive the sandbox (test-artifacts/ is git-ignored), for the post-mortem.
    const keep = join(ROOT, 'test-artifacts', 'faults');
    mkdirSync(keep, { recursive: true });
    for (const name of ['api', 'worker', 'postgres', 'redis']) {
      try {
        cpSync(sandbox.path(`${name}.log`), join(keep, `${name}.log`));
      } catch {
        /* no log */
      }
    }
    console.error(`\nlogs kept in ${keep}`);
    return 1;
  }
  say('all invariants hold');
  return 0;
}

main().then(
  (code) => {
    cleanup();
    process.exit(code);
  },
  (error) => {
    console.error(error);
    cleanup();
    process.exit(1);
  },
);
