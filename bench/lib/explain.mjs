// EXPLAIN (ANALYZE, BUFFERS) of the heavy queries, taken from the product's own repositories: they run once
// against a DataSource whose logger records every statement and its parameters (inside transactions that
// are rolled back where they write), then each recorded statement is explained with the same parameters.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dist, requireFromRoot, ROOT } from './util.mjs';

const { Client } = requireFromRoot('pg');
const { loadConfig } = dist('libs/config/src/index.js');
const P = dist('libs/persistence/src/index.js');

const ROLLBACK = new Error('rollback');

/** `sample`: { userId (a clinician), patientId (of the clinician's team), tokenHash (Buffer) }. */
export async function writeExplains(env, sample, log) {
  const cipher = P.FieldCipher.fromConfig(loadConfig(env));
  P.installFieldCipher(cipher);
  const recorded = [];
  let label = '';
  const ds = P.createDataSource(env.DATABASE_URL, { poolSize: 2, applicationName: 'relieftrace-bench-explain' });
  const noop = () => {};
  ds.setOptions({ logging: ['query'], logger: { logQuery: (query, parameters) => recorded.push({ label, query, parameters: parameters ?? [] }), logQueryError: noop, logQuerySlow: noop, logSchemaBuild: noop, logMigration: noop, log: noop } });
  await ds.initialize();
  const as = async (name, work) => {
    label = name;
    await work().catch((e) => {
      if (e !== ROLLBACK) throw e;
    });
  };
  const rolledBack = (work) => ds.transaction(async (tx) => {
    await work(tx);
    throw ROLLBACK;
  });
  const repo = {
    patients: new P.PatientRepository(ds, cipher), scores: new P.PainScoreRepository(ds), interventions: new P.InterventionRepository(ds),
    visits: new P.VisitRepository(ds), engine: new P.ResponseEngineRepository(ds), outbox: new P.OutboxRepository(ds),
    audit: new P.AuditRepository(ds), sessions: new P.SessionRepository(ds), analytics: new P.AnalyticsRepository(ds),
  };
  const { userId, patientId } = sample;
  const groups = {
    'request-overhead': async () => {
      let careTeamIds = [];
      await as('auth: session with its user and care teams (every request)', async () => {
        careTeamIds = (await repo.sessions.touch(sample.tokenHash, new Date(), 30 * 60_000))?.user.careTeamIds ?? [];
      });
      await as('access: patient in the caller\'s care teams (every patient request)', () => repo.patients.isInCareTeams(patientId, careTeamIds));
      await as('audit: one row per read or write (rolled back)', () => rolledBack((tx) => repo.audit.append(tx, [{ actorUserId: userId, actorKind: 'clinician', action: 'bench.explain', resourceType: 'pain_score', resourceId: null, patientId, requestId: 'explain', details: {} }])));
    },
    timeline: async () => {
      await as('GET …/pain-scores', () => repo.scores.listForPatient(patientId));
      await as('GET …/interventions', () => repo.interventions.listForPatient(patientId));
      await as('GET …/visits', () => repo.visits.listForPatient(patientId));
      await as('GET …/attribution: stored attribution and pending recompute', () => repo.engine.findAttributionWithPending(patientId));
      await as('GET …/responses: stored assessments', () => repo.engine.listAssessments(patientId));
      await as('GET …/responses: pending recompute?', () => repo.outbox.pendingWatermark(patientId));
    },
    ingest: async () => {
      await as('POST …/pain-scores: insert (rolled back)', () => rolledBack((tx) => repo.scores.insert(tx, { patientId, score: 5, recordedAt: new Date(Date.now() - 60_000), source: 'api', enteredBy: userId })));
      await as('POST …/pain-scores: audit row and outbox row, one statement (rolled back)', () => rolledBack((tx) => repo.audit.appendWithRecompute(tx, [{ actorUserId: userId, actorKind: 'clinician', action: 'pain_score.create', resourceType: 'pain_score', resourceId: null, patientId, requestId: 'explain', details: {} }], patientId)));
    },
    analytics: async () => {
      const filters = [{}, { interventionType: 'knee_anesthetic_injection' }, { target: 'spine', classification: 'knee' }];
      for (const f of filters) {
        const name = JSON.stringify(f);
        await as(`GET /analytics/trajectory ${name}`, () => repo.analytics.trajectory(f));
        await as(`GET /analytics/responder-rates ${name}`, () => repo.analytics.responderCounts(f));
        await as(`GET /analytics/attributions ${name}`, () => repo.analytics.attributionCounts(f));
      }
      await as('analytics refresh tick: stale patients', () => repo.analytics.stalePatients(200));
      await as('analytics refresh: one patient\'s source (rolled back)', () => rolledBack((tx) => repo.analytics.loadSources(tx, [patientId])));
    },
    recompute: async () => {
      await as('GET …/response: the pending watermark', () => repo.outbox.pendingWatermark(patientId));
      await as('recompute: pending outbox rows and every input, one statement (rolled back)', () => rolledBack((tx) => repo.engine.loadSnapshot(tx, patientId)));
    },
    outbox: async () => {
      // Redis "refuses" the batch, so the claimed rows are released again and nothing changes.
      await as('outbox relay: claim unenqueued rows (released)', () => repo.outbox.relay(500, async () => { throw ROLLBACK; }));
      await as('outbox sweeper: overdue rows', () => repo.outbox.overdue(15_000, 500));
    },
  };
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  const dir = join(ROOT, 'bench/explain');
  mkdirSync(dir, { recursive: true });
  const written = [];
  try {
    for (const [group, run] of Object.entries(groups)) {
      recorded.length = 0;
      await run();
      const seen = new Set();
      const out = [`# EXPLAIN (ANALYZE, BUFFERS) — ${group}`, `# ${sample.describe}`, ''];
      for (const { label: name, query, parameters } of recorded) {
        if (!/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(query) || /pg_(try_)?advisory/.test(query)) continue;
        const key = `${name}\n${query}`;
        if (seen.has(key)) continue;
        seen.add(key);
        await db.query('BEGIN');
        let plan;
        try {
          plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${query}`, parameters)).rows.map((r) => r['QUERY PLAN']).join('\n');
        } catch (e) {
          plan = `(could not explain: ${e.message})`;
        } finally {
          await db.query('ROLLBACK');
        }
        const shown = parameters.map((p) => (Array.isArray(p) ? `[${p.length} items]` : Buffer.isBuffer(p) ? '<bytes>' : p instanceof Date ? p.toISOString() : String(p).slice(0, 60)));
        out.push(`## ${name}`, '', query.trim().replace(/\s+\n/g, '\n'), '', `-- parameters: ${JSON.stringify(shown)}`, '', plan, '', '');
      }
      const file = join(dir, `${group}.txt`);
      writeFileSync(file, `${out.join('\n').trimEnd()}\n`);
      written.push(file);
    }
  } finally {
    await db.end();
    await ds.destroy();
  }
  log(`EXPLAIN (ANALYZE, BUFFERS) written to ${written.map((f) => f.slice(ROOT.length + 1)).join(', ')}`);
  return written.map((f) => f.slice(ROOT.length + 1));
}
