// The fault suite's own Postgres, Redis, api and worker: started here, so they may be killed and restarted here.
// Nothing else on the machine is ever signalled: every process below is a child of this one (Postgres is
// stopped through pg_ctl on its own data folder, which only signals the postmaster recorded there).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, sleep } from '../../../bench/lib/util.mjs';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
const NODE24 = join(ROOT, 'scripts/node24');
const PG_BIN = process.env.FAULTS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export { freePort, sleep };

/** A temp folder for the run; Postgres refuses to run as root, so as root it runs as `postgres` and owns its folder. */
export class Sandbox {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'relieftrace-faults-'));
    this.asRoot = process.getuid?.() === 0;
    this.pgUser = this.asRoot ? 'postgres' : null;
    this.processes = new Set();
    this.postgres = null;
  }

  path(...parts) {
    return join(this.dir, ...parts);
  }

  /** Best effort, synchronous, safe to call twice: kills our children, stops our Postgres, removes the folder. */
  cleanupSync() {
    for (const p of this.processes) {
      try {
        p.child.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }
    this.processes.clear();
    if (this.postgres?.initialised) this.postgres.stopSync();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class Postgres {
  constructor(sandbox, port) {
    this.sandbox = sandbox;
    this.port = port;
    this.data = sandbox.path('pg');
    this.socketDir = sandbox.path('pg-socket');
    this.log = sandbox.path('postgres.log');
    this.initialised = false;
    sandbox.postgres = this;
  }

  run(cmd, args, options = {}) {
    const bin = join(PG_BIN, cmd);
    const [file, argv] = this.sandbox.pgUser ? ['runuser', ['-u', this.sandbox.pgUser, '--', bin, ...args]] : [bin, args];
    return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  }

  init() {
    mkdirSync(this.data, { recursive: true });
    mkdirSync(this.socketDir, { recursive: true });
    writeFileSync(this.log, '');
    if (this.sandbox.pgUser) {
      const uid = Number(execFileSync('id', ['-u', this.sandbox.pgUser]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', this.sandbox.pgUser]).toString().trim());
      for (const p of [this.sandbox.dir, this.data, this.socketDir, this.log]) chownSync(p, uid, gid);
    }
    this.run('initdb', ['-D', this.data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    this.initialised = true;
  }

  start() {
    const opts = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.socketDir} -c fsync=off -c max_connections=100`;
    this.run('pg_ctl', ['-D', this.data, '-l', this.log, '-o', opts, '-w', '-t', '60', 'start']);
  }

  /** fast: clean shutdown (sessions terminated); immediate: a crash, recovered from the WAL at the next start. */
  stop(mode = 'fast') {
    this.run('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  stopSync() {
    try {
      this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
    } catch {
      /* not running */
    }
  }

  url(database) {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }
}

export class RedisServer {
  constructor(sandbox, port) {
    this.sandbox = sandbox;
    this.port = port;
    this.handle = null;
  }

  async start() {
    this.handle = startChild(this.sandbox, 'redis', 'redis-server', [
      '--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', this.sandbox.dir,
    ]);
    await waitFor(async () => (await this.command('PING').catch(() => null)) === 'PONG', 10_000, 'redis to answer');
  }

  /** One command over a fresh connection (redis-cli style), so the suite never shares the product's client. */
  async command(...args) {
    const { Redis } = await import(join(ROOT, 'node_modules/ioredis/built/index.js')).then((m) => m.default ?? m);
    const client = new Redis({ port: this.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await client.call(...args);
    } finally {
      client.disconnect();
    }
  }

  async stop(signal = 'SIGTERM') {
    if (this.handle) await stopChild(this.handle, signal);
    this.handle = null;
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
}

/** A child process of ours, its output in a log file of the sandbox. */
export function startChild(sandbox, name, file, args, env = {}) {
  const logFile = sandbox.path(`${name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(file, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const handle = { name, child, logFile, exited, log: () => readFileSync(logFile, 'utf8') };
  sandbox.processes.add(handle);
  exited.then(() => sandbox.processes.delete(handle));
  return handle;
}

export function startNode(sandbox, name, entry, env, nodeArgs = []) {
  return startChild(sandbox, name, NODE24, [...nodeArgs, join(ROOT, entry)], env);
}

export async function stopChild(handle, signal = 'SIGTERM', graceMs = 30_000) {
  if (handle.child.exitCode !== null || handle.child.signalCode !== null) return handle.exited;
  handle.child.kill(signal);
  const done = await Promise.race([handle.exited, sleep(graceMs).then(() => null)]);
  if (done) return done;
  handle.child.kill('SIGKILL');
  return handle.exited;
}

export async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

export function runNodeSync(entry, env) {
  const result = spawnSync(NODE24, [join(ROOT, entry)], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${entry} exited ${result.status}:\n${result.stderr}\n${result.stdout}`.slice(0, 4000));
  return result.stdout;
}
