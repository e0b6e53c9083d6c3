import request from 'supertest';
import { bearer, TestApp } from '../support/test-app';
import { AttackLedger } from './attack-cases';

const IDENTIFIERS = { givenName: 'Gudrun', familyName: 'Brynjólfsdóttir', birthDate: '1939-12-01', mrn: 'SEC-55012', phone: '+61491570156' };

/**
 * Someone holding a copy of the database (a backup, a dump, a stolen disk) or able to edit it: identifiers are
 * not readable there, and edited ciphertext is refused rather than shown as another value.
 */
describe('identifiers encrypted at rest', () => {
  let ctx: TestApp;
  let token: string;
  let patientId: string;
  const ledger = new AttackLedger('encryption-at-rest');
  beforeAll(async () => {
    ctx = await TestApp.start();
    token = (await ctx.newClinician()).token;
    const res = await request(ctx.http).post('/api/v1/patients').set(bearer(token))
      .send({ ...IDENTIFIERS, timezone: 'Australia/Sydney', indexKnee: 'left', smsConsent: true })
      .expect(201);
    patientId = res.body.id;
  });
  afterAll(async () => {
    ledger.flush();
    await ctx.stop();
  });

  it.each(Object.entries(IDENTIFIERS))('should keep %s out of the raw patient table (read as a backup would)', async (_field, value) => {
    await ledger.attempt(`read ${_field} from the raw table`, async () => {
      const [{ t }] = await ctx.db.query<{ t: string }>(`SELECT p::text AS t FROM patient p WHERE id = $1`, [patientId]);
      expect(t).toContain(patientId);
      for (const form of [value, value.toLowerCase(), value.normalize('NFD'), value.replace(/\D/g, '')].filter((f) => f.length >= 4)) expect(t).not.toContain(form);
    });
  });

  it('should refuse a ciphertext moved into another column instead of showing it', async () => {
    await ledger.attempt('swap the MRN ciphertext into given_name', async () => {
      const [{ given_name: original }] = await ctx.db.query<{ given_name: string }>(`SELECT given_name FROM patient WHERE id = $1`, [patientId]);
      await ctx.db.query(`UPDATE patient SET given_name = mrn WHERE id = $1`, [patientId]);
      try {
        const res = await request(ctx.http).get(`/api/v1/patients/${patientId}`).set(bearer(token)).expect(500);
        expect(JSON.stringify(res.body)).not.toContain(IDENTIFIERS.mrn);
      } finally {
        await ctx.db.query(`UPDATE patient SET given_name = $2 WHERE id = $1`, [patientId, original]);
      }
    });
  });

  it('should refuse an edited ciphertext and a clear value written straight into the table', async () => {
    const [{ id: other }] = await ctx.db.query<{ id: string }>(`SELECT id FROM care_team LIMIT 1`);
    await ledger.attempt('flip a bit of a stored family name', async () => {
      const fresh = await request(ctx.http).post('/api/v1/patients').set(bearer(token))
        .send({ givenName: 'Tamper', familyName: 'Target', birthDate: '1970-01-01', timezone: 'UTC', indexKnee: 'left', smsConsent: false })
        .expect(201);
      const [{ family_name: sealed }] = await ctx.db.query<{ family_name: string }>(`SELECT family_name FROM patient WHERE id = $1`, [fresh.body.id]);
      const [v, keyId, iv, body] = sealed.split(':');
      const bytes = Buffer.from(body, 'base64');
      bytes[0] ^= 0x20;
      await ctx.db.query(`UPDATE patient SET family_name = $2 WHERE id = $1`, [fresh.body.id, [v, keyId, iv, bytes.toString('base64')].join(':')]);
      await request(ctx.http).get(`/api/v1/patients/${fresh.body.id}`).set(bearer(token)).expect(500);
    });
    await ledger.attempt('insert a patient with clear identifiers behind the API', async () => {
      await expect(
        ctx.db.query(`INSERT INTO patient (pseudonym, given_name, family_name, birth_date, timezone, index_knee, care_team_id) VALUES ('P-CLEAR1', 'Clear', 'Name', '1970-01-01', 'UTC', 'left', $1)`, [other]),
      ).rejects.toThrow(/patient_identifiers_sealed/);
    });
  });

  it('should not take a forged paging cursor carrying clear names', async () => {
    await ledger.attempt('forge a cursor', async () => {
      const forged = Buffer.from(JSON.stringify([IDENTIFIERS.familyName, IDENTIFIERS.givenName, patientId])).toString('base64url');
      await request(ctx.http).get('/api/v1/patients').query({ cursor: forged }).set(bearer(token)).expect(400);
    });
  });
});
