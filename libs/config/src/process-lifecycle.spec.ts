import { exitGracefullyOnSignals, type ProcessHooks } from './process-lifecycle';

/** A fake process: signals are delivered by the test, exits and timers recorded. */
class FakeProcess implements ProcessHooks {
  readonly exits: number[] = [];
  readonly timers: Array<{ ms: number; fire: () => void; unref: jest.Mock }> = [];
  private readonly listeners = new Map<NodeJS.Signals, Array<(s: NodeJS.Signals) => void>>();

  once(signal: NodeJS.Signals, listener: (s: NodeJS.Signals) => void) {
    this.listeners.set(signal, [...(this.listeners.get(signal) ?? []), listener]);
  }
  exit(code: number) {
    this.exits.push(code);
  }
  setTimeout(fire: () => void, ms: number) {
    const timer = { ms, fire, unref: jest.fn() };
    this.timers.push(timer);
    return timer;
  }
  signal(signal: NodeJS.Signals) {
    const listeners = this.listeners.get(signal) ?? [];
    this.listeners.set(signal, []);
    for (const l of listeners) l(signal);
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(exitGracefullyOnSignals.name, () => {
  function setup(close: () => Promise<void>) {
    const proc = new FakeProcess();
    const log: string[] = [];
    const closeSpy = jest.fn(close);
    exitGracefullyOnSignals(closeSpy, (m) => log.push(m), 25_000, proc);
    return { proc, log, close: closeSpy };
  }

  it('closes the application once on SIGTERM and exits 0 when everything drained', async () => {
    let finish!: () => void;
    const { proc, close, log } = setup(() => new Promise<void>((resolve) => (finish = resolve)));
    proc.signal('SIGTERM');
    await settle();
    expect(close).toHaveBeenCalledTimes(1);
    expect(proc.exits).toEqual([]); // still finishing the job in hand
    finish();
    await settle();
    expect(proc.exits).toEqual([0]);
    expect(log[0]).toMatch(/SIGTERM received: finishing current work/);
  });

  it('treats SIGINT the same way', async () => {
    const { proc, close } = setup(async () => undefined);
    proc.signal('SIGINT');
    await settle();
    expect(close).toHaveBeenCalledTimes(1);
    expect(proc.exits).toEqual([0]);
  });

  it('exits 1 when closing fails', async () => {
    const { proc, log } = setup(async () => {
      throw new Error('pool would not close');
    });
    proc.signal('SIGTERM');
    await settle();
    expect(proc.exits).toEqual([1]);
    expect(log.at(-1)).toMatch(/shutdown failed: pool would not close/);
  });

  it('exits 1 at once on a second signal, without closing twice', async () => {
    const { proc, close } = setup(() => new Promise<void>(() => undefined));
    proc.signal('SIGTERM');
    proc.signal('SIGINT');
    await settle();
    expect(close).toHaveBeenCalledTimes(1);
    expect(proc.exits).toEqual([1]);
  });

  it('exits 1 when closing hangs past the timeout (BullMQ then hands the job to another worker)', async () => {
    const { proc, log } = setup(() => new Promise<void>(() => undefined));
    proc.signal('SIGTERM');
    expect(proc.timers).toHaveLength(1);
    expect(proc.timers[0].ms).toBe(25_000);
    expect(proc.timers[0].unref).toHaveBeenCalled(); // the timer alone never keeps the process alive
    proc.timers[0].fire();
    expect(proc.exits).toEqual([1]);
    expect(log.at(-1)).toMatch(/longer than 25000 ms/);
  });
});
