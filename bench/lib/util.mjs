// Small helpers shared by the benchmark: arguments, statistics, a seeded PRNG, loopback guards.
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Loads compiled app code (dist/) and its dependencies exactly as the processes do: CommonJS from the repo root. */
export const requireFromRoot = createRequire(join(ROOT, 'package.json'));
export const dist = (path) => requireFromRoot(join(ROOT, 'dist', path));

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nobody listens on right now, for the processes a run starts. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const DEFAULTS = {
  duration: 60, // s of steady load in the freshness phase
  warmup: 0, // s of the same load before it, unmeasured
  rate: 200, // pain scores per second
  'api-patients': 200, // patients created through the API for the freshness phase
  'sample-every': 20, // every n-th score is followed until the attribution is fresh
  'poll-ms': 50, // attribution polling interval for sampled scores
  'fresh-timeout': 60, // s a sampled score may wait for a fresh attribution
  patients: 10_000, // generated patients for the full recompute
  days: 90, // days of diary per generated patient
  concurrency: 0, // recompute jobs at once; 0 = the product's WORKER_CONCURRENCY default
  'sql-runs': 3, // the SQL baseline runs this often; the median run counts
  seed: 42,
  'skip-freshness': false,
  'skip-recompute': false,
  'keep-db': false,
  out: '', // results file; default bench/results/<date>-engine.json
  note: '', // free text stored with the results (e.g. what else ran on the machine)
};

export function parseArgs(argv, defaults = DEFAULTS, command = 'bench:engine') {
  const DEFAULTS = defaults;
  const opts = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(`usage: npm run ${command} -- [--flag value]\n${Object.entries(DEFAULTS).map(([k, v]) => `  --${k} (default ${JSON.stringify(v)})`).join('\n')}`);
      process.exit(0);
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !(match[1] in DEFAULTS)) throw new Error(`unknown argument ${arg} (try --help)`);
    const [, key, inline] = match;
    if (typeof DEFAULTS[key] === 'boolean') {
      opts[key] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${key} needs a value`);
    opts[key] = typeof DEFAULTS[key] === 'number' ? Number(value) : value;
    if (typeof DEFAULTS[key] === 'number' && !(Number.isFinite(opts[key]) && opts[key] >= 0)) throw new Error(`--${key} must be a non-negative number`);
  }
  return opts;
}

/** The benchmark never talks to anything but this machine. */
export function requireLoopback(url, what) {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new Error(`${what} must point at 127.0.0.1 (got ${host}); the benchmark sends traffic nowhere else`);
  return url;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : null,
    mean: sorted.length ? sorted.reduce((s, v) => s + v, 0) / sorted.length : null,
  };
}

/** mulberry32: a tiny seeded PRNG, so the generated cohort is the same on every run. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  next.pick = (items) => items[Math.floor(next() * items.length)];
  next.weighted = (pairs) => {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [item, w] of pairs) if ((r -= w) < 0) return item;
    return pairs[pairs.length - 1][0];
  };
  next.normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  // Version-4 layout, but drawn from the seeded stream so ids repeat between runs.
  next.uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  return next;
}

export const fmt = (value, digits = 0) => (value === null || value === undefined ? '—' : Number(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
