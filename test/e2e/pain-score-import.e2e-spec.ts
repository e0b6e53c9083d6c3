import request from 'supertest';
import { bearer, TestApp } from '../support/test-app';

describe('CSV import of historical pain scores', () => {
  let ctx: TestApp;
  let token: string;
  beforeAll(async () => {
    ctx = await TestApp.start();
    token = (await ctx.newClinician()).token;
  });
  afterAll(() => ctx.stop());

  const stored = async (patientId: string) => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pain_score WHERE patient_id = $1', [patientId]))[0].n;
  const outbox = async (patientId: string) => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE patient_id = $1', [patientId]))[0].n;
  const importCsv = (patientId: string, csv: string, dryRun: boolean) =>
    request(ctx.http).post(`/api/v1/patients/${patientId}/pain-scores/import`).set(bearer(token)).send({ csv, dryRun });

  const GOOD = 'recordedAt,score\n2026-09-01T08:00:00Z,7\n2026-09-02T08:00:00Z,6\n2026-09-03T08:00:00-04:00,5\n';

  it('should preview a file on a dry run and store nothing', async () => {
    const { id } = await ctx.newPatient(token);
    const outboxBefore = await outbox(id);
    const res = await importCsv(id, GOOD, true).expect(200);
    expect(res.body).toMatchObject({ dryRun: true, total: 3, valid: 3, duplicates: 0, inserted: 0, errors: [] });
    expect(res.body.preview[2]).toEqual({ row: 4, score: 5, recordedAt: '2026-09-03T12:00:00.000Z' });
    expect(await stored(id)).toBe(0);
    expect(await outbox(id)).toBe(outboxBefore);
  });

  it('should report errors per line and store nothing, dry run or not', async () => {
    const { id } = await ctx.newPatient(token);
    const bad = 'recordedAt,score\n2026-09-01T08:00:00Z,7\n2026-09-02T08:00:00Z,eleven\nyesterday,4\n';
    for (const dryRun of [true, false]) {
      const res = await importCsv(id, bad, dryRun).expect(200);
      expect(res.body).toMatchObject({ total: 3, valid: 1, inserted: 0 });
      expect(res.body.errors).toEqual([
        { row: 3, field: 'score', message: '"eleven" is not a whole number from 0 to 10' },
        { row: 4, field: 'recordedAt', message: '"yesterday" is not an ISO-8601 time with an offset' },
      ]);
    }
    expect(await stored(id)).toBe(0);
  });

  it('should import once: the same file again stores nothing twice', async () => {
    const { id } = await ctx.newPatient(token);
    expect((await importCsv(id, GOOD, false).expect(200)).body).toMatchObject({ inserted: 3, duplicates: 0 });
    expect((await importCsv(id, GOOD, true).expect(200)).body).toMatchObject({ valid: 3, duplicates: 3, inserted: 0 });
    expect((await importCsv(id, `${GOOD}2026-09-04T08:00:00Z,4\n`, false).expect(200)).body).toMatchObject({ inserted: 1, duplicates: 3 });
    expect(await stored(id)).toBe(4);
    const sources = await ctx.db.query<{ source: string }>('SELECT DISTINCT source FROM pain_score WHERE patient_id = $1', [id]);
    expect(sources).toEqual([{ source: 'import' }]);
  });

  it("should refuse another care team's patient with 404", async () => {
    const { id } = await ctx.newPatient((await ctx.newClinician()).token);
    await importCsv(id, GOOD, false).expect(404);
    expect(await stored(id)).toBe(0);
  });
});
