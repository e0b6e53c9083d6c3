// A clinic-network-sized dataset written with Postgres COPY (pg-copy-streams): clinics (care teams) with
// clinicians, patients with encrypted identifiers, visits, interventions of catalogue types and months of
// diary scores — valid for the product's real schema (its migrations ran first). The derived tables are
// brought to the state the worker would leave: every patient's assessments and attribution computed by the
// product's own engine (evaluatePatient, in-process — the documented shortcut; a sample then goes through
// the real RecomputePatientJob, see recompute.mjs, which also checks the shortcut wrote the same rows).
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { generatePatient } from './cohort.mjs';
import { dist, prng, requireFromRoot } from './util.mjs';

const { Client } = requireFromRoot('pg');
const { from: copyFrom } = requireFromRoot('pg-copy-streams');
const { loadConfig } = dist('libs/config/src/index.js');
const { FieldCipher, patientAad } = dist('libs/persistence/src/index.js');
const { evaluatePatient, TIME } = dist('libs/domain/src/index.js');
const { hashPassword } = dist('apps/api/src/auth/password.js');
const { DAY, HOUR } = TIME;

export const BENCH_PASSWORD = 'granite-willow-comet-74';
export const clinicianEmail = (clinic, k) => `clinician-${clinic}-${k}@bench.test`;
export const ANALYST_EMAIL = 'analyst@bench.test';

/** What a knee-sourced and a spine-sourced first visit look like (the same vocabulary as the demo cohort). */
const FINDINGS = {
  knee: {
    location: { medial: 'present', radiationFromBackOrButtock: 'absent' },
    character: { aching: 'present', steadyMechanical: 'present' },
    aggravatedBy: { weightBearing: 'present', stairs: 'present', sitting: 'absent' },
    history: { stiffnessAfterInactivity: 'present', lowBackPain: 'absent' },
    exam: { jointLineTenderness: 'present', effusion: 'present', straightLegRaise: 'absent' },
    imaging: { kneeXrayKellgrenLawrence: 3 },
  },
  spine: {
    location: { anterior: 'present', radiationFromBackOrButtock: 'present', painBelowKnee: 'present' },
    character: { burning: 'present', shooting: 'present', steadyMechanical: 'absent' },
    aggravatedBy: { sitting: 'present', coughSneeze: 'present', stairs: 'absent' },
    history: { lowBackPain: 'present', kneeTrauma: 'absent' },
    exam: { jointLineTenderness: 'absent', straightLegRaise: 'present', femoralNerveStretch: 'present' },
    imaging: { kneeXrayKellgrenLawrence: 1, lumbarMri: [{ finding: 'foraminal_stenosis', level: 'L3-L4', side: 'left' }] },
  },
  unclear: { location: { medial: 'present' }, character: { aching: 'present' } },
};

/** The shape the issue asks for at --scale 1; everything scales linearly except clinics. */
export function datasetShape(opts) {
  const s = opts.scale;
  return {
    patients: Math.max(50, Math.round(100_000 * s)),
    scoresPerPatient: 100,
    clinics: Math.max(2, Math.min(50, Math.round(50 * Math.sqrt(s * 100) / 10))),
    cliniciansPerClinic: 4,
    enrolmentDays: 730, // patients enrolled over the last two years
  };
}

/**
 * One patient's record, deterministic for its index: the diary window (~118 days → ~100 scores), the cohort
 * generator's interventions and scores, one or two visits, and where the scores came from.
 */
function patientRecord(seed, index, shape, now) {
  const rand = prng(seed * 1_000_003 + index);
  const days = rand.int(95, 141);
  const ongoing = rand() < 0.15;
  const endMs = ongoing ? now - rand.int(0, 36) * HOUR : now - rand.int(1, Math.max(2, shape.enrolmentDays - days)) * DAY;
  const end = new Date(endMs);
  const record = generatePatient(rand, { days, end });
  const start = endMs - days * DAY;
  const lean = record.source === 'knee' ? 'knee' : record.source === 'spine' ? 'spine' : 'unclear';
  const visits = [{ occurredAt: new Date(start + rand.int(9, 16) * HOUR), clinicPain: rand.int(4, 9), findings: FINDINGS[lean] }];
  if (record.interventions.length > 1 && rand() < 0.6) {
    visits.push({ occurredAt: new Date(record.interventions[1].performedAt.getTime() - rand.int(1, 6) * HOUR), clinicPain: rand.int(2, 8), findings: FINDINGS[lean] });
  }
  for (const v of visits) v.id = rand.uuid();
  const scores = record.scores.map((s) => {
    const r = rand();
    const source = r < 0.9 ? 'sms_link' : r < 0.95 ? 'sms_reply' : 'clinic';
    // Answered from the SMS link a few minutes to a few hours after the moment it describes.
    const receivedAt = source === 'clinic' ? s.recordedAt : new Date(Math.min(now, s.recordedAt.getTime() + rand.int(1, 240) * 60_000));
    return { ...s, source, receivedAt };
  });
  return { ...record, scores, visits, start: new Date(start), rand };
}

/** COPY text format: \N for null, backslash escapes for the four characters that would break a line. */
const esc = (v) => {
  if (v === null || v === undefined) return '\\N';
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  if (Array.isArray(v)) return `{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`.replace(/\\/g, '\\\\');
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
};

/** A COPY … FROM STDIN on its own connection; rows are buffered into ~256 KiB writes and backpressure is honoured. */
async function openCopy(databaseUrl, table, columns) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`SET synchronous_commit = off`);
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const done = once(stream, 'finish');
  let buffer = [];
  let size = 0;
  let rows = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    const ok = stream.write(buffer.join(''));
    buffer = [];
    size = 0;
    if (!ok) await once(stream, 'drain');
  };
  return {
    table,
    get rows() {
      return rows;
    },
    async row(values) {
      const line = `${values.map(esc).join('\t')}\n`;
      buffer.push(line);
      size += line.length;
      rows++;
      if (size > 256 * 1024) await flush();
    },
    async end() {
      await flush();
      stream.end();
      await done;
      await client.end();
      return rows;
    },
  };
}

/**
 * The big table's indexes and the constraints that rest on them, dropped for the load and rebuilt from
 * their own definitions afterwards (one sorted build instead of 10 M random B-tree inserts).
 */
async function withoutIndexes(db, table, work, log) {
  const { rows: own } = await db.query(
    `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u')`, [table]);
  const { rows: refs } = await db.query(
    `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE confrelid = $1::regclass AND contype = 'f'`, [table]);
  const { rows: indexes } = await db.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 AND NOT (indexname = ANY($2::text[]))`,
    [table, own.map((c) => c.conname)],
  );
  for (const r of refs) await db.query(`ALTER TABLE ${r.tbl} DROP CONSTRAINT ${r.conname}`);
  for (const c of own) await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${c.conname}`);
  for (const i of indexes) await db.query(`DROP INDEX ${i.indexname}`);
  try {
    await work();
  } finally {
    const t = performance.now();
    for (const c of own) await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${c.conname} ${c.def}`);
    for (const i of indexes) await db.query(i.indexdef);
    for (const r of refs) await db.query(`ALTER TABLE ${r.tbl} ADD CONSTRAINT ${r.conname} ${r.def}`);
    log(`  rebuilt ${own.length + indexes.length} indexes of ${table} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
}

/** What loadInputs would hand evaluatePatient for this record (same fields, same types). */
function evidenceOf(record, indexKnee) {
  return {
    indexKnee,
    scores: record.scores.map((s) => ({ score: s.score, recordedAt: s.recordedAt, source: s.source })),
    interventions: record.interventions.map((i) => ({
      id: i.id, type: i.type, performedAt: i.performedAt, endedAt: i.endedAt, laterality: i.laterality, spinalLevels: i.spinalLevels, agents: [],
    })),
    visits: record.visits.map((v) => ({ id: v.id, occurredAt: v.occurredAt, clinicPain: v.clinicPain, findings: v.findings })),
  };
}

/**
 * Generates and loads the dataset. Returns the clinics (team id, clinician emails, patient ids), counts and
 * timings. `env` carries DATABASE_URL and the PII keys the api will use.
 */
export async function loadDataset(env, opts, log) {
  const shape = datasetShape(opts);
  const url = env.DATABASE_URL;
  const cipher = FieldCipher.fromConfig(loadConfig(env));
  const now = Date.now() - 5 * 60_000;
  const seed = opts.seed;
  const timings = {};
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`SET maintenance_work_mem = '512MB'`);
    let t = performance.now();
    // Users: one password hash (argon2, the product's own) shared by every generated account.
    const hash = await hashPassword(BENCH_PASSWORD);
    const rand = prng(seed);
    const clinics = [];
    for (let c = 0; c < shape.clinics; c++) {
      const { rows: [team] } = await db.query(`INSERT INTO care_team (name) VALUES ($1) RETURNING id`, [`Bench clinic ${c + 1}`]);
      const emails = Array.from({ length: shape.cliniciansPerClinic }, (_, k) => clinicianEmail(c, k));
      const { rows: users } = await db.query(
        `INSERT INTO app_user (email, name, role, password_hash) SELECT e, 'Bench clinician', 'clinician', $2 FROM unnest($1::text[]) e RETURNING id`,
        [emails, hash],
      );
      await db.query(`INSERT INTO care_team_member (care_team_id, user_id) SELECT $1, u FROM unnest($2::uuid[]) u`, [team.id, users.map((u) => u.id)]);
      clinics.push({ index: c, teamId: team.id, clinicianEmails: emails, clinicianIds: users.map((u) => u.id), patientIds: [] });
    }
    await db.query(`INSERT INTO app_user (email, name, role, password_hash) VALUES ($1, 'Bench analyst', 'analyst', $2)`, [ANALYST_EMAIL, hash]);

    // Patients first (every other table references them), identifiers encrypted with the product's cipher.
    const patients = [];
    const patientCopy = await openCopy(url, 'patient', [
      'id', 'pseudonym', 'given_name', 'family_name', 'birth_date', 'mrn', 'mrn_index', 'phone', 'phone_index', 'timezone', 'index_knee',
      'sms_consent', 'care_team_id', 'created_at', 'updated_at',
    ]);
    for (let i = 0; i < shape.patients; i++) {
      const id = rand.uuid();
      const clinic = clinics[i % clinics.length];
      const record = patientRecord(seed, i, shape, now);
      const mrn = `BN${(1_000_000 + i).toString()}`;
      const phone = `+4915${(100_000_000 + i).toString()}`;
      const birth = `19${rand.int(35, 85)}-0${rand.int(1, 9)}-1${rand.int(0, 9)}`;
      const enrolled = new Date(record.start.getTime() - rand.int(0, 7) * DAY);
      await patientCopy.row([
        id, `P-${i.toString(36).toUpperCase().padStart(6, '0')}`,
        cipher.encrypt(patientAad('given_name'), rand.pick(['Anna', 'Jonas', 'Mia', 'Lukas', 'Emma', 'Paul', 'Lea', 'Ben'])),
        cipher.encrypt(patientAad('family_name'), `${rand.pick(['Müller', 'Schmidt', 'Weber', 'Fischer', 'Becker', 'Wagner'])}-${i}`),
        cipher.encrypt(patientAad('birth_date'), birth),
        cipher.encrypt(patientAad('mrn'), mrn), cipher.blindIndex('mrn', mrn),
        cipher.encrypt(patientAad('phone'), phone), cipher.blindIndex('phone', phone),
        'Europe/Berlin', record.indexKnee, true, clinic.teamId, enrolled, enrolled,
      ]);
      clinic.patientIds.push(id);
      patients.push({ id, clinic: clinic.index });
    }
    await patientCopy.end();
    timings.patientsSeconds = (performance.now() - t) / 1000;
    log(`  ${patients.length.toLocaleString('en-US')} patients in ${shape.clinics} clinics (${timings.patientsSeconds.toFixed(1)} s)`);

    // Pass 1: the clinical record. Pass 2 (below) regenerates the same records and stores the engine's results,
    // which reference the interventions and so need them committed first.
    t = performance.now();
    const counts = { interventions: 0, visits: 0, scores: 0, byType: {} };
    await withoutIndexes(db, 'pain_score', async () => {
      const ivCopy = await openCopy(url, 'intervention', ['id', 'patient_id', 'type', 'target', 'performed_at', 'ended_at', 'laterality', 'spinal_levels', 'created_by', 'created_at', 'updated_at']);
      const visitCopy = await openCopy(url, 'visit', ['id', 'patient_id', 'clinician_id', 'occurred_at', 'clinic_pain', 'findings', 'created_at', 'updated_at']);
      const scoreCopy = await openCopy(url, 'pain_score', ['patient_id', 'score', 'recorded_at', 'received_at', 'source', 'entered_by']);
      for (let i = 0; i < patients.length; i++) {
        const { id, clinic } = patients[i];
        const record = patientRecord(seed, i, shape, now);
        const clinician = clinics[clinic].clinicianIds[i % shape.cliniciansPerClinic];
        for (const iv of record.interventions) {
          const entered = new Date(iv.performedAt.getTime() + record.rand.int(5, 180) * 60_000);
          await ivCopy.row([iv.id, id, iv.type, iv.target, iv.performedAt, iv.endedAt, iv.laterality, iv.spinalLevels, clinician, entered, entered]);
          counts.byType[iv.type] = (counts.byType[iv.type] ?? 0) + 1;
        }
        for (const v of record.visits) await visitCopy.row([v.id, id, clinician, v.occurredAt, v.clinicPain, v.findings, v.occurredAt, v.occurredAt]);
        for (const s of record.scores) await scoreCopy.row([id, s.score, s.recordedAt, s.receivedAt, s.source, s.source === 'clinic' ? clinician : null]);
        if (i > 0 && i % 20_000 === 0) log(`  ${i.toLocaleString('en-US')} patients' records written, ${scoreCopy.rows.toLocaleString('en-US')} scores`);
      }
      counts.interventions = await ivCopy.end();
      counts.visits = await visitCopy.end();
      counts.scores = await scoreCopy.end();
    }, log);
    timings.recordSeconds = (performance.now() - t) / 1000;
    log(`  ${counts.scores.toLocaleString('en-US')} scores, ${counts.interventions.toLocaleString('en-US')} interventions, ${counts.visits.toLocaleString('en-US')} visits (${timings.recordSeconds.toFixed(1)} s incl. index builds)`);

    // Pass 2: the engine's results, as RecomputePatientJob.saveResults stores them (watermark 0: no outbox row covered).
    t = performance.now();
    const assessmentCopy = await openCopy(url, 'response_assessment', ['intervention_id', 'patient_id', 'category', 'payload', 'algorithm_version', 'computed_at']);
    const attributionCopy = await openCopy(url, 'attribution', [
      'patient_id', 'classification', 'probability', 'payload', 'algorithm_version', 'computed_at', 'inputs_up_to', 'input_watermark', 'score_count', 'intervention_count',
    ]);
    let evaluateMs = 0;
    const indexKnees = new Map();
    for (let i = 0; i < patients.length; i++) {
      const { id } = patients[i];
      const record = patientRecord(seed, i, shape, now);
      const computedAt = new Date(now);
      const e0 = performance.now();
      const { assessments, attribution } = evaluatePatient(evidenceOf(record, record.indexKnee));
      evaluateMs += performance.now() - e0;
      indexKnees.set(id, record.indexKnee);
      for (const a of assessments) await assessmentCopy.row([a.interventionId, id, a.category, a, attribution.algorithmVersion, computedAt]);
      let newest = -Infinity;
      for (const s of record.scores) newest = Math.max(newest, s.receivedAt.getTime());
      // Interventions and visits were entered minutes after they happened (created_at = updated_at above).
      newest = Math.max(newest, ...record.visits.map((v) => v.occurredAt.getTime()));
      await attributionCopy.row([
        id, attribution.classification, attribution.probability, attribution, attribution.algorithmVersion, computedAt,
        Number.isFinite(newest) ? new Date(newest) : null, '0', record.scores.length, record.interventions.length,
      ]);
    }
    // inputs_up_to must include the interventions' entry times exactly as loadInputs sees them: take them from the table.
    await assessmentCopy.end();
    await attributionCopy.end();
    await db.query(
      `UPDATE attribution a SET inputs_up_to = greatest(a.inputs_up_to, i.newest)
         FROM (SELECT patient_id, max(updated_at) AS newest FROM intervention GROUP BY patient_id) i WHERE i.patient_id = a.patient_id`,
    );
    timings.derivedSeconds = (performance.now() - t) / 1000;
    timings.evaluateSeconds = evaluateMs / 1000;
    log(`  assessments and attributions for every patient via evaluatePatient in-process (${timings.derivedSeconds.toFixed(1)} s; evaluate ${timings.evaluateSeconds.toFixed(1)} s)`);

    t = performance.now();
    await db.query(`VACUUM (ANALYZE) care_team, care_team_member, app_user, patient, visit, intervention, pain_score, response_assessment, attribution`);
    timings.vacuumSeconds = (performance.now() - t) / 1000;
    return {
      shape,
      counts: { patients: patients.length, clinics: clinics.length, clinicians: clinics.length * shape.cliniciansPerClinic, ...counts },
      perPatient: { scores: counts.scores / patients.length, interventions: counts.interventions / patients.length, visits: counts.visits / patients.length },
      timings,
      clinics,
    };
  } finally {
    await db.end();
  }
}
