// The machine a run measured: cores, memory, versions, the Postgres settings that shape plans, the commit.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { redisVersion } from './stack.mjs';
import { requireFromRoot, ROOT } from './util.mjs';

const PG_SETTINGS = ['autovacuum', 'shared_buffers', 'work_mem', 'maintenance_work_mem', 'effective_cache_size', 'max_connections', 'max_parallel_workers_per_gather', 'random_page_cost', 'synchronous_commit', 'jit'];

export async function machineInfo(env) {
  const { Client } = requireFromRoot('pg');
  const admin = new URL(env.DATABASE_URL);
  admin.pathname = '/postgres';
  const pg = new Client({ connectionString: admin.toString() });
  await pg.connect();
  const { rows: [v] } = await pg.query(`SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers, current_setting('max_parallel_workers_per_gather') AS parallel`);
  const { rows: settings } = await pg.query(`SELECT name, current_setting(name) AS value FROM pg_settings WHERE name = ANY($1::text[]) ORDER BY name`, [PG_SETTINGS]);
  await pg.end();
  const git = (args) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  return {
    cpuModel: cpus()[0]?.model ?? null,
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${release()}`,
    postgres: v.version,
    postgresSharedBuffers: v.shared_buffers,
    postgresParallelWorkersPerGather: Number(v.parallel),
    postgresSettings: Object.fromEntries(settings.map((s) => [s.name, s.value])),
    postgresAutovacuum: settings.find((s) => s.name === 'autovacuum')?.value === 'on',
    redis: await redisVersion(env.REDIS_URL).catch(() => null),
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirtyTree: (() => {
      const status = git(['status', '--porcelain']);
      return status === null ? null : status !== '';
    })(),
  };
}
