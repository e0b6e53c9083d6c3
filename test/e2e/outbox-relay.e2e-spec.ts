import { OutboxRepository } from '@app/persistence';
import request from 'supertest';
import { bearer, eventually, startWorker, TestApp } from '../support/test-app';

/** The relay's claim commits before Redis is called; rows that got no job must come back for the next pass. */
describe('outbox relay', () => {
  let ctx: TestApp;
  let token: string;
  let outbox: OutboxRepository;

  beforeAll(async () => {
    ctx = await TestApp.start();
    token = (await ctx.newClinician()).token;
    outbox = ctx.app.get(OutboxRepository);
  });
  afterAll(() => ctx.stop());

  const scorePatient = async () => {
    const { id } = await ctx.newPatient(token);
    await request(ctx.http).post(`/api/v1/patients/${id}/pain-scores`).set(bearer(token)).send({ score: 6, recordedAt: new Date().toISOString() }).expect(201);
    return id;
  };
  const unclaimed = async (patientId: string) =>
    (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE patient_id = $1 AND enqueued_at IS NULL AND done_at IS NULL`, [patientId]))[0].n;
  const rowsOf = async (patientId: string) =>
    (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE patient_id = $1`, [patientId]))[0].n;
  /** Earlier cases leave rows of their own patients: hand over only this case's. */
  const relayOnly = (patientIds: string[], enqueue: (ids: string[]) => Promise<void>) =>
    outbox.relay(500, (pending) => enqueue(pending.map((p) => p.patientId).filter((id) => patientIds.includes(id))));

  it('should release every claimed row when Redis refuses the batch, so the next pass offers them again', async () => {
    const patientId = await scorePatient();
    const pending = await unclaimed(patientId);
    expect(pending).toBeGreaterThan(0);
    await expect(relayOnly([patientId], async () => { throw new Error('Redis is away'); })).rejects.toThrow('Redis is away');
    expect(await unclaimed(patientId)).toBe(pending);
    // The next pass claims them again and, with Redis back, keeps them claimed.
    const handed: string[] = [];
    await relayOnly([patientId], async (ids) => void handed.push(...ids));
    expect(handed).toEqual([patientId]);
    expect(await unclaimed(patientId)).toBe(0);
  });

  it('should not hold the claimed rows while Redis is called: a recompute can mark them done meanwhile', async () => {
    const patientId = await scorePatient();
    let markedDone = false;
    await relayOnly([patientId], async () => {
      // Inside enqueue, as a recompute covering the row would: with a row lock held here, this would wait forever.
      expect(patientId).toMatch(/^[0-9a-f-]{36}$/);
      await ctx.db.query(`BEGIN; SET LOCAL lock_timeout = '2s'; UPDATE outbox SET done_at = now() WHERE patient_id = '${patientId}' AND done_at IS NULL; COMMIT`);
      markedDone = true;
    });
    expect(markedDone).toBe(true);
  });

  it('should delete done rows once they are older than OUTBOX_KEEP_DONE_MS, and never a pending or recent one', async () => {
    const [old, recent, stuck] = [await scorePatient(), await scorePatient(), await scorePatient()];
    // Three ages: done two days ago, done a minute ago, and pending (enqueued and never finished) for two days.
    await ctx.db.query(`UPDATE outbox SET enqueued_at = now() - interval '2 days', done_at = now() - interval '2 days' WHERE patient_id = $1`, [old]);
    await ctx.db.query(`UPDATE outbox SET enqueued_at = now() - interval '1 minute', done_at = now() - interval '1 minute' WHERE patient_id = $1`, [recent]);
    await ctx.db.query(`UPDATE outbox SET enqueued_at = now() - interval '2 days' WHERE patient_id = $1`, [stuck]);
    expect(await rowsOf(old)).toBeGreaterThan(0);

    // The worker's relay prunes at each sweep (the default keeps done rows for a day).
    const worker = await startWorker(ctx.config, { OUTBOX_SWEEP_INTERVAL_MS: '200' });
    try {
      await eventually(async () => (await rowsOf(old)) === 0);
      expect(await rowsOf(recent)).toBeGreaterThan(0);
      // The stuck row is re-enqueued by the sweeper and recomputed, not deleted unseen.
      await eventually(async () => (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE patient_id = $1 AND done_at IS NOT NULL`, [stuck]))[0].n > 0);
      expect(await rowsOf(stuck)).toBeGreaterThan(0);
    } finally {
      await worker.close();
    }
  });

  it('should prune only among the oldest done rows, so a sweep never reads the whole retention window', async () => {
    // Earlier cases' rows go first, so this case decides what the oldest rows are.
    await ctx.db.query(`DELETE FROM outbox`);
    const [a, b, c, d] = [await scorePatient(), await scorePatient(), await scorePatient(), await scorePatient()];
    const doneAgo = (patientId: string, age: string) =>
      ctx.db.query(`UPDATE outbox SET enqueued_at = now() - $2::interval, done_at = now() - $2::interval WHERE patient_id = $1`, [patientId, age]);
    // In arrival order: a done 2 days ago, b pending, c done a minute ago, d done 2 days ago (done late after a retry).
    await doneAgo(a, '2 days');
    await doneAgo(c, '1 minute');
    await doneAgo(d, '2 days');

    const [na, nb, nc, nd] = [await rowsOf(a), await rowsOf(b), await rowsOf(c), await rowsOf(d)];

    // The oldest done rows are a's and c's: a's go, c's are too young, and d's wait for a later sweep.
    expect(await outbox.pruneDone(86_400_000, na + nc)).toBe(na);
    expect([await rowsOf(a), await rowsOf(b), await rowsOf(c), await rowsOf(d)]).toEqual([0, nb, nc, nd]);
    // Once c's rows have aged too, the window reaches d's; b's pending rows are never taken.
    await doneAgo(c, '2 days');
    expect(await outbox.pruneDone(86_400_000, nc + nd)).toBe(nc + nd);
    expect([await rowsOf(b), await rowsOf(c), await rowsOf(d)]).toEqual([nb, 0, 0]);
  });
});
