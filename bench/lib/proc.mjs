// What the processes of a run cost, from Linux /proc: CPU seconds and resident memory (RSS), sampled.
import { readdirSync, readFileSync } from 'node:fs';

/** utime + stime of a process, in seconds (Linux /proc; 0 elsewhere). */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks; 100 Hz on Linux
  } catch {
    return 0;
  }
}

/** CPU seconds of every live process with this command name (processes that exit meanwhile are missed). */
export function cpuOfCommand(command) {
  let total = 0;
  let pids = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === command) total += cpuSeconds(pid);
    } catch {
      /* gone */
    }
  }
  return total;
}

/** The pids a name stands for: a pid, a list of pids (replicas), or a function returning either. */
const pidsOf = (entry) => [].concat(typeof entry === 'function' ? entry() : entry);

/** VmRSS of a process in MiB (null when it is gone). */
export function rssMiB(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/**
 * Samples the RSS of named processes every `everyMs` until stopped; stop() gives max / mean / last per name.
 * `processes` maps a name to a pid, a list of pids (replicas: the largest of them counts) or a function returning either.
 */
export function sampleRss(processes, everyMs = 250) {
  const samples = Object.fromEntries(Object.keys(processes).map((k) => [k, []]));
  const take = () => {
    for (const [name, pid] of Object.entries(processes)) {
      const values = pidsOf(pid).map(rssMiB).filter((v) => v !== null);
      if (values.length > 0) samples[name].push(Math.max(...values));
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      const round = (v) => Math.round(v * 10) / 10;
      return Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, xs.length === 0 ? null : {
        samples: xs.length, maxMiB: round(Math.max(...xs)), meanMiB: round(xs.reduce((s, x) => s + x, 0) / xs.length), lastMiB: round(xs[xs.length - 1]),
      }]));
    },
  };
}

/**
 * CPU seconds of the named processes (replicas summed), Postgres, Redis and this process between the call and stop().
 * `postgresBackends` (optional, async) lists the pids of the backends serving the benchmark's database: then
 * `postgresSeconds` counts only those (a backend that connected meanwhile counts from its start), and
 * `postgresAllSeconds` every Postgres process on the machine (other work included).
 */
export async function cpuMeter(pids, postgresBackends) {
  const ownPg = async () => (postgresBackends ? new Map((await postgresBackends()).map((pid) => [pid, cpuSeconds(pid)])) : null);
  const read = () => ({
    ...Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pidsOf(pid).reduce((sum, one) => sum + cpuSeconds(one), 0)])),
    postgresAll: cpuOfCommand('postgres'),
    redis: cpuOfCommand('redis-server'),
    bench: (() => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; })(),
    wall: performance.now() / 1000,
  });
  const before = read();
  const pgBefore = await ownPg();
  return {
    async stop() {
      const after = read();
      const pgAfter = await ownPg();
      const out = Object.fromEntries(Object.keys(after).map((k) => [k === 'wall' ? 'wallSeconds' : `${k}Seconds`, Math.round((after[k] - before[k]) * 100) / 100]));
      if (pgAfter) {
        let sum = 0;
        for (const [pid, cpu] of pgAfter) sum += cpu - (pgBefore.get(pid) ?? 0);
        out.postgresSeconds = Math.round(sum * 100) / 100;
      } else {
        out.postgresSeconds = out.postgresAllSeconds;
      }
      return out;
    },
  };
}
