// The real api and worker as child processes on a dedicated database and BullMQ prefix; always cleaned up.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, ROOT, requireFromRoot, sleep } from './util.mjs';

export { freePort };

const { Client } = requireFromRoot('pg');
const NODE24 = join(ROOT, 'scripts/node24');
export const LOG_DIR = join(ROOT, 'bench/tmp'); // gitignored

export const BENCH_ADMIN = { email: 'bench-admin@bench.test', password: 'quartz-meadow-orchid-58' };

const children = new Set();

/** Drops and recreates the bench database, then migrates it with the product's own start-up command. */
export async function prepareDatabase(env) {
  const url = new URL(env.DATABASE_URL);
  const name = url.pathname.slice(1);
  if (!/^relieftrace_bench\w*$/.test(name)) throw new Error(`refusing to drop "${name}": the bench database must be named relieftrace_bench*`);
  await adminQuery(env.DATABASE_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await migrateDatabase(env);
}

/** The product's start-up command on an existing database: applies migrations it lacks, as a deployment would. */
export async function migrateDatabase(env) {
  await promisify(execFile)(NODE24, [join(ROOT, 'dist/apps/api/src/cli/prepare.js')], {
    cwd: ROOT,
    env: { ...process.env, ...env, ADMIN_EMAIL: BENCH_ADMIN.email, ADMIN_PASSWORD: BENCH_ADMIN.password, LOG_LEVEL: 'warn' },
  });
}

export async function dropDatabase(databaseUrl) {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (/^relieftrace_bench\w*$/.test(name)) await adminQuery(databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

async function adminQuery(databaseUrl, sql) {
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}


/** Starts a compiled entry point (dist/...) under Node 24; its output goes to bench/tmp/<name>.log, not through this process. */
export function startProcess(name, entry, env) {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `${name}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn(NODE24, [join(ROOT, entry)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const handle = { name, child, logFile, exited, log: () => readFileSync(logFile, 'utf8') };
  children.add(handle);
  exited.then(() => children.delete(handle));
  return handle;
}

/** SIGTERM (the product drains gracefully), then SIGKILL after a grace period. */
export async function stopProcess(handle, graceMs = 15_000) {
  if (handle.child.exitCode !== null || handle.child.signalCode !== null) return;
  handle.child.kill('SIGTERM');
  const done = await Promise.race([handle.exited, sleep(graceMs).then(() => null)]);
  if (!done) {
    handle.child.kill('SIGKILL');
    await handle.exited;
  }
}

export async function stopAll() {
  await Promise.all([...children].map((h) => stopProcess(h)));
}

/** Last resort when this process exits abruptly: no child outlives the benchmark. */
export function killAllSync() {
  for (const h of children) {
    try {
      h.child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

export async function waitForHttp(url, handle, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (handle.child.exitCode !== null) throw new Error(`${handle.name} exited during start-up; see ${handle.logFile}:\n${handle.log().slice(-2000)}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error(`${handle.name} not ready within ${timeoutMs} ms; see ${handle.logFile}`);
}

export async function waitForLog(handle, pattern, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pattern.test(handle.log())) return;
    if (handle.child.exitCode !== null) throw new Error(`${handle.name} exited during start-up; see ${handle.logFile}:\n${handle.log().slice(-2000)}`);
    await sleep(200);
  }
  throw new Error(`${handle.name} did not log ${pattern} within ${timeoutMs} ms; see ${handle.logFile}`);
}

/** Removes every BullMQ key under the run's own prefix. */
export async function deleteRedisPrefix(redisUrl, prefix) {
  const { Redis } = requireFromRoot('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function redisVersion(redisUrl) {
  const { Redis } = requireFromRoot('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    return /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? null;
  } finally {
    redis.disconnect();
  }
}

/** Runs a benchmark's main: no child process outlives it, whether it ends, fails or is interrupted. */
export function runBenchmark(main, log) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`${signal}: stopping the api and worker`);
      stopAll().finally(() => process.exit(130));
    });
  }
  process.on('exit', killAllSync);
  main().catch(async (error) => {
    console.error(error instanceof Error ? error.stack : error);
    await stopAll();
    process.exitCode = 1;
  });
}
