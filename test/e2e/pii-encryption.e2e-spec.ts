import { SmsPromptRepository } from '@app/persistence';
import { DataSource } from 'typeorm';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import { TestDatabase } from '../support/test-database';
import { REDIS_URL } from '../support/test-env';
import { bearer, PASSWORD, TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const cli = (script: string, env: Record<string, string>) =>
  spawnSync(join(ROOT, 'scripts/node24'), [join(ROOT, 'dist/apps/api/src/cli', script)], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', REDIS_URL, ADMIN_EMAIL: '', ADMIN_PASSWORD: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

const IDENTIFIERS = { givenName: 'Wilhelmina', familyName: 'Þorvaldsdóttir', birthDate: '1947-08-23', mrn: 'MRN-Q7731', phone: '+447700900461' };

/** Every way the identifiers could show up in a dump: as typed, in other cases, and the dates and numbers bare. */
function clearForms(values: typeof IDENTIFIERS): string[] {
  return [values.givenName, values.familyName, values.birthDate, values.birthDate.replaceAll('-', ''), values.mrn, values.phone, values.phone.slice(1)].flatMap((v) => [
    v, v.toLowerCase(), v.toUpperCase(), v.normalize('NFD'),
  ]);
}

/** Every public table's rows as text, as a backup (pg_dump) would hold them. */
async function dumpAllTables(db: TestDatabase): Promise<string> {
  const tables = await db.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
  let dump = '';
  for (const { tablename } of tables) {
    // The console provider's outbox keeps texts and their numbers for the development outbox page; the provider is refused in production.
    if (tablename === 'sms_console_message') continue;
    for (const row of await db.query<{ t: string }>(`SELECT t::text AS t FROM "${tablename}" t`)) dump += `${tablename}: ${row.t}\n`;
  }
  return dump;
}

describe('patient identifiers at rest', () => {
  let ctx: TestApp;
  let token: string;
  beforeAll(async () => {
    ctx = await TestApp.start();
    token = (await ctx.newClinician()).token;
  });
  afterAll(() => ctx.stop());

  it('should hold no name, birth date, phone or MRN in clear in any table, and still read them back through the API', async () => {
    const created = await request(ctx.http).post('/api/v1/patients').set(bearer(token))
      .send({ ...IDENTIFIERS, timezone: 'Europe/London', indexKnee: 'right', smsConsent: true })
      .expect(201);
    await request(ctx.http).post(`/api/v1/patients/${created.body.id}/interventions`).set(bearer(token))
      .send({ type: 'knee_anesthetic_injection', performedAt: new Date(Date.now() - 3_600_000).toISOString(), laterality: 'right' })
      .expect(201);

    const [raw] = await ctx.db.query<Record<string, unknown>>(`SELECT * FROM patient WHERE id = $1`, [created.body.id]);
    for (const column of ['given_name', 'family_name', 'birth_date', 'mrn', 'phone']) expect(raw[column]).toMatch(/^v1:dev-insecure-do-not-use:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(raw.phone_index).toBeInstanceOf(Buffer);
    expect((raw.phone_index as Buffer).length).toBe(32);
    const [row] = await ctx.db.query<{ t: string }>(`SELECT p::text AS t FROM patient p WHERE id = $1`, [created.body.id]);
    const dump = await dumpAllTables(ctx.db);
    expect(dump).toContain(created.body.id); // the dump did see the patient
    for (const clear of clearForms(IDENTIFIERS)) {
      expect(row.t).not.toContain(clear);
      expect(dump).not.toContain(clear);
    }

    const read = await request(ctx.http).get(`/api/v1/patients/${created.body.id}`).set(bearer(token)).expect(200);
    expect(read.body).toMatchObject(IDENTIFIERS);
  });

  it('should refuse clear identifiers written straight into the table', async () => {
    const [team] = await ctx.db.query<{ id: string }>(`INSERT INTO care_team (name) VALUES ('raw') RETURNING id`);
    await expect(
      ctx.db.query(`INSERT INTO patient (pseudonym, given_name, family_name, birth_date, timezone, index_knee, care_team_id) VALUES ('P-RAWRAW', 'Clear', 'Text', '1970-01-01', 'UTC', 'left', $1)`, [team.id]),
    ).rejects.toThrow(/patient_identifiers_sealed/);
  });

  it('should find patients by part of a name (any case or accent), a whole MRN and a pseudonym, a page at a time with an opaque cursor', async () => {
    const clinician = await ctx.newClinician();
    const list = (query: Record<string, unknown>) => request(ctx.http).get('/api/v1/patients').query(query).set(bearer(clinician.token)).expect(200);
    const ines = await ctx.newPatient(clinician.token, { givenName: 'Inés', familyName: 'Muñoz', mrn: 'ab-778' });
    const joao = await ctx.newPatient(clinician.token, { givenName: 'João', familyName: 'Álvarez', mrn: 'AB-779' });
    await ctx.newPatient(clinician.token, { givenName: 'Ana', familyName: 'Muñoz', mrn: null });
    await ctx.newPatient(token, { givenName: 'Ines', familyName: 'Munoz', mrn: 'AB-780' }); // another team's

    const ids = (res: request.Response) => res.body.items.map((p: { id: string }) => p.id);
    expect(ids(await list({ search: 'ines munoz' }))).toEqual([ines.id]);
    expect(ids(await list({ search: 'MUÑOZ INÉS' }))).toEqual([ines.id]);
    expect(ids(await list({ search: 'alva' }))).toEqual([joao.id]);
    expect(ids(await list({ search: 'AB-778' }))).toEqual([ines.id]);
    expect(ids(await list({ search: ' ab-779' }))).toEqual([joao.id]);
    expect(ids(await list({ search: 'AB-78' }))).toEqual([]); // MRNs match whole (blind index), another team's never
    expect(ids(await list({ search: joao.pseudonym.slice(2).toLowerCase() }))).toEqual([joao.id]);

    const first = await list({ limit: 2 });
    expect(first.body.items.map((p: { familyName: string; givenName: string }) => `${p.familyName}, ${p.givenName}`)).toEqual(['Álvarez, João', 'Muñoz, Ana']);
    const cursor = first.body.nextCursor as string;
    for (const clear of ['Muñoz', 'Ana', 'Mu\u00f1oz']) {
      expect(cursor).not.toContain(clear);
      expect(Buffer.from(cursor, 'base64url').toString('utf8')).not.toContain(clear);
    }
    const second = await list({ limit: 2, cursor });
    expect(ids(second)).toEqual([ines.id]);
    expect(second.body.nextCursor).toBeNull();
    await request(ctx.http).get('/api/v1/patients').query({ cursor: Buffer.from(JSON.stringify(['Muñoz', 'Ana', ines.id])).toString('base64url') }).set(bearer(clinician.token)).expect(400);
  });
});

describe('patient identifier keys', () => {
  jest.setTimeout(60_000); // each test runs the compiled start-up or rotation command
  const k1 = randomBytes(32).toString('base64');
  const k2 = randomBytes(32).toString('base64');
  const index1 = randomBytes(32).toString('base64');
  const index2 = randomBytes(32).toString('base64');
  const keyIds = async (db: TestDatabase) =>
    (await db.query<{ k: string }>(`SELECT DISTINCT split_part(v, ':', 2) AS k FROM patient, unnest(ARRAY[given_name, family_name, birth_date, mrn, phone]) v WHERE v IS NOT NULL ORDER BY 1`)).map((r) => r.k);

  it('should re-encrypt every row under the new key with `pii:rotate`, idempotently, and read the same values after', async () => {
    const db = await TestDatabase.create();
    try {
      const underK1 = { PII_KEYS: `k1:${k1}`, PII_INDEX_KEY: index1 };
      let ctx = await TestApp.startOn(db, underK1);
      const clinician = await ctx.newClinician();
      const patients = [];
      for (let i = 0; i < 7; i++) patients.push(await ctx.newPatient(clinician.token, { familyName: `Rotated${String.fromCharCode(65 + i)}`, mrn: `ROT-${i}`, phone: `+1415555${1000 + i}` }));
      const before = (await request(ctx.http).get('/api/v1/patients').set(bearer(clinician.token)).expect(200)).body.items;
      await ctx.app.close();
      expect(await keyIds(db)).toEqual(['k1']);

      // New data key and a new index key; k1 stays readable while the rows move.
      const underK2 = { PII_KEYS: `k2:${k2},k1:${k1}`, PII_ACTIVE_KEY_ID: 'k2', PII_INDEX_KEY: index2 };
      const rotated = cli('pii-rotate.js', { DATABASE_URL: db.url, ...underK2 });
      expect(rotated.stderr).toBe('');
      expect(rotated.status).toBe(0);
      expect(rotated.stdout).toMatch(/7 patients checked, 7 rewritten \(35 values re-encrypted, 0 encrypted from clear, 7 re-indexed\)/);
      expect(rotated.stdout).toMatch(/key ids in use: k2\n/);
      expect(await keyIds(db)).toEqual(['k2']);

      const again = cli('pii-rotate.js', { DATABASE_URL: db.url, ...underK2 });
      expect(again.status).toBe(0);
      expect(again.stdout).toMatch(/7 patients checked, 0 rewritten/);

      ctx = await TestApp.startOn(db, { PII_KEYS: `k2:${k2}`, PII_INDEX_KEY: index2 }); // k1 no longer needed
      try {
        const after = (await request(ctx.http).get('/api/v1/patients').set(bearer(clinician.token)).expect(200)).body.items;
        expect(after).toEqual(before);
        const byMrn = await request(ctx.http).get('/api/v1/patients').query({ search: 'rot-3' }).set(bearer(clinician.token)).expect(200);
        expect(byMrn.body.items.map((p: { id: string }) => p.id)).toEqual([patients[3].id]);
        expect(await ctx.app.get(SmsPromptRepository).patientIdsByPhone(ctx.app.get(DataSource).manager, '+14155551005')).toEqual([patients[5].id]);
      } finally {
        await ctx.app.close();
      }
    } finally {
      await db.drop();
    }
  });

  it('should encrypt rows written in clear before the encryption migration when the start-up command runs', async () => {
    const db = await TestDatabase.create();
    try {
      // The state migration 1764130000000 leaves behind on a database that already had patients.
      const [team] = await db.query<{ id: string }>(`INSERT INTO care_team (name) VALUES ('legacy') RETURNING id`);
      await db.query(`ALTER TABLE patient DROP CONSTRAINT patient_identifiers_sealed`);
      // No autovacuum snapshot may keep the old (clear) row versions alive during the rewrite checked below.
      await db.query(`ALTER TABLE patient SET (autovacuum_enabled = false)`);
      await db.query(
        `INSERT INTO patient (pseudonym, given_name, family_name, birth_date, mrn, phone, timezone, index_knee, sms_consent, care_team_id)
         VALUES ('P-LEGAC1', 'Olga', 'Legacy', '1950-05-06', 'OLD-1', '+14155550987', 'UTC', 'left', true, $1),
                ('P-LEGAC2', 'Piet', 'Oldrow', '1944-04-04', NULL, NULL, 'UTC', 'right', false, $1)`,
        [team.id],
      );
      await db.query(`ALTER TABLE patient ADD CONSTRAINT patient_identifiers_sealed CHECK (
        given_name LIKE 'v1:%' AND family_name LIKE 'v1:%' AND birth_date LIKE 'v1:%'
        AND (mrn IS NULL OR mrn LIKE 'v1:%') AND (phone IS NULL OR phone LIKE 'v1:%')
        AND (phone IS NULL) = (phone_index IS NULL) AND (mrn IS NULL) = (mrn_index IS NULL)) NOT VALID`);

      const prepared = cli('prepare.js', { DATABASE_URL: db.url });
      expect(prepared.stderr).toBe('');
      expect(prepared.status).toBe(0);
      expect(prepared.stdout).toMatch(/encrypted the identifiers of 2 patients that were held in clear/);
      expect(prepared.stdout).toMatch(/rewrote the patient table/);
      const dump = await dumpAllTables(db);
      const legacyClear = ['Olga', 'Legacy', '1950-05-06', 'OLD-1', '4155550987', 'Piet', 'Oldrow', '1944-04-04'];
      for (const clear of legacyClear) expect(dump).not.toContain(clear);
      // Nor in the table's pages (old row versions), which a physical backup would copy.
      if ((await db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pageinspect'`)).length > 0) {
        await db.query(`CREATE EXTENSION IF NOT EXISTS pageinspect`);
        const pages = await db.query<{ page: Buffer }>(`SELECT get_raw_page('patient', n::int) AS page FROM generate_series(0, pg_relation_size('patient') / 8192 - 1) n`);
        const raw = Buffer.concat(pages.map((p) => p.page)).toString('latin1');
        expect(raw).toContain('v1:dev-insecure-do-not-use:');
        for (const clear of legacyClear) expect(raw).not.toContain(clear);
      }
      const [constraint] = await db.query<{ convalidated: boolean }>(`SELECT convalidated FROM pg_constraint WHERE conname = 'patient_identifiers_sealed'`);
      expect(constraint.convalidated).toBe(true);
      expect(cli('prepare.js', { DATABASE_URL: db.url }).stdout).not.toMatch(/encrypted the identifiers/);

      const ctx = await TestApp.startOn(db);
      try {
        const clinician = await ctx.newClinician([team.id]);
        const found = await request(ctx.http).get('/api/v1/patients').query({ search: 'old-1' }).set(bearer(clinician.token)).expect(200);
        expect(found.body.items).toEqual([expect.objectContaining({ givenName: 'Olga', familyName: 'Legacy', birthDate: '1950-05-06', mrn: 'OLD-1', phone: '+14155550987' })]);
        const all = await request(ctx.http).get('/api/v1/patients').set(bearer(clinician.token)).expect(200);
        expect(all.body.items.map((p: { familyName: string }) => p.familyName)).toEqual(['Legacy', 'Oldrow']);
        expect(await ctx.app.get(SmsPromptRepository).patientIdsByPhone(ctx.app.get(DataSource).manager, '+14155550987')).toEqual([found.body.items[0].id]);
      } finally {
        await ctx.app.close();
      }
    } finally {
      await db.drop();
    }
  });

  it('should fail loudly, without identifiers in the answer, on a row under a key it does not hold', async () => {
    const db = await TestDatabase.create();
    try {
      let ctx = await TestApp.startOn(db, { PII_KEYS: `k1:${k1}`, PII_INDEX_KEY: index1 });
      const clinician = await ctx.newClinician();
      const { id } = await ctx.newPatient(clinician.token);
      await ctx.app.close();
      ctx = await TestApp.startOn(db, { PII_KEYS: `k2:${k2}`, PII_INDEX_KEY: index1 });
      try {
        const res = await request(ctx.http).get(`/api/v1/patients/${id}`).set(bearer(await ctx.login(clinician.email, PASSWORD))).expect(500);
        expect(JSON.stringify(res.body)).not.toMatch(/Rosa|Delgado/);
      } finally {
        await ctx.app.close();
      }
    } finally {
      await db.drop();
    }
  });
});
