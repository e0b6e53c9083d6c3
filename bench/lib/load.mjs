// Closed-loop saturation load with autocannon: the same POST …/pain-scores against the real api and the bare
// baseline server, over varying patients, with CPU and RSS of the processes under test recorded alongside.
import { cpuMeter, sampleRss } from './proc.mjs';
import { requireFromRoot } from './util.mjs';

const autocannon = requireFromRoot('autocannon');

/**
 * `target`: { baseUrl, token? , patientIds, pids: { name: pid } }. Returns throughput, latency percentiles,
 * statuses, and per-process CPU seconds and RSS during the run. A short warm-up run comes first (not counted).
 */
export async function saturate(target, { connections, duration, warmup = 3, postgresBackends }) {
  let next = Math.floor(Math.random() * target.patientIds.length);
  const headers = { 'content-type': 'application/json', accept: 'application/json', ...(target.token ? { authorization: `Bearer ${target.token}` } : {}) };
  const requests = [{
    method: 'POST',
    setupRequest: (req) => {
      const patientId = target.patientIds[next++ % target.patientIds.length];
      return {
        ...req,
        path: `/api/v1/patients/${patientId}/pain-scores`,
        body: JSON.stringify({ score: next % 11, recordedAt: new Date(Date.now() - 60_000).toISOString() }),
      };
    },
  }];
  const run = (seconds) => autocannon({ url: target.baseUrl, connections, duration: seconds, headers, requests, timeout: 30 });
  if (warmup > 0) await run(warmup);
  const rss = sampleRss(target.pids);
  const cpu = await cpuMeter(target.pids, postgresBackends);
  const r = await run(duration);
  const cpuUsed = await cpu.stop();
  const ok = r['2xx'];
  return {
    connections, durationSeconds: duration,
    requestsPerSecond: r.requests.average,
    okPerSecond: ok / duration,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: r.latency.average },
    requests: r.requests.total, ok, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
    statusCodes: r.statusCodeStats,
    cpu: cpuUsed,
    rss: rss.stop(),
  };
}
