import { groupCommit } from './group-commit';

/** A stand-in for the database: records each batch it is sent and answers when the test says so. */
function slowStatement() {
  const batches: number[][] = [];
  const pending: Array<() => void> = [];
  const run = (keys: readonly number[]) => {
    batches.push([...keys]);
    return new Promise<Array<number | Error>>((resolve) => pending.push(() => resolve(keys.map((k) => k * 10))));
  };
  /** Answers every batch sent, including those sent as earlier ones return, until nothing more arrives. */
  const answerAll = async () => {
    for (let quiet = 0; quiet < 3; quiet = pending.length > 0 ? 0 : quiet + 1) {
      for (const answer of pending.splice(0)) answer();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { run, batches, pending, answerAll };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('groupCommit', () => {
  it('should send a lone request at once, alone', async () => {
    const db = slowStatement();
    const load = groupCommit(db.run, { maxInFlight: 1, maxBatchSize: 10 });
    const result = load(1);
    await turn();
    expect(db.batches).toEqual([[1]]);
    await db.answerAll();
    await expect(result).resolves.toBe(10);
  });

  it('should gather requests that arrive while a batch is at the database into the next statement', async () => {
    const db = slowStatement();
    const load = groupCommit(db.run, { maxInFlight: 1, maxBatchSize: 10 });
    const first = load(1);
    await turn();
    const waiting = [2, 3, 4].map(load);
    await turn();
    expect(db.batches).toEqual([[1]]);
    const done = Promise.all([first, ...waiting]);
    await db.answerAll();
    expect(await done).toEqual([10, 20, 30, 40]);
    expect(db.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('should keep up to maxInFlight batches at the database and cap a batch at maxBatchSize', async () => {
    const db = slowStatement();
    const load = groupCommit(db.run, { maxInFlight: 2, maxBatchSize: 2 });
    const results = [1, 2, 3, 4, 5].map(load);
    await turn();
    expect(db.batches).toEqual([[1, 2], [3, 4]]);
    await db.answerAll();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50]);
    expect(db.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('should retry each request alone when a batch fails, so one bad row fails only its own request', async () => {
    const batches: number[][] = [];
    const load = groupCommit(async (keys: readonly number[]) => {
      batches.push([...keys]);
      if (keys.includes(13)) throw new Error('row 13 refused');
      return keys.map((k) => k * 10);
    }, { maxInFlight: 1, maxBatchSize: 10 });
    const results = await Promise.allSettled([12, 13, 14].map(load));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([120, 'row 13 refused', 140]);
    expect(batches).toEqual([[12, 13, 14], [12], [13], [14]]);
  });

  it('should hand back per-request errors the statement answers without failing the others', async () => {
    const load = groupCommit(async (keys: readonly number[]) => keys.map((k) => (k < 0 ? new Error(`negative ${k}`) : k)), { maxInFlight: 1, maxBatchSize: 10 });
    const results = await Promise.allSettled([1, -2, 3].map(load));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('should free its slot after a failed batch so later requests still go', async () => {
    let fail = true;
    const load = groupCommit(async (keys: readonly number[]) => {
      if (fail) throw new Error('database down');
      return [...keys];
    }, { maxInFlight: 1, maxBatchSize: 10 });
    await expect(load(1)).rejects.toThrow('database down');
    fail = false;
    await expect(load(2)).resolves.toBe(2);
  });
});
