import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createServer, type Server, type Socket } from 'node:net';
import request from 'supertest';
import { SharedThrottlerStorage } from '../../apps/api/src/security/shared-throttler-storage';
import { TestApp } from '../support/test-app';
import { REDIS_URL } from '../support/test-env';
import { AttackLedger } from './attack-cases';

const LIMIT = 6;
const LIMIT_MESSAGE = 'Too many requests from your address; wait a minute and try again.';
const OUTAGE_WARNING = /Redis unreachable: rate limits are counted in this api process only/;

// Requests come through a trusted local proxy, so X-Forwarded-For tells the attacker's address apart.
let guess = 0;
const login = (app: TestApp, ip: string) =>
  request(app.http).post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email: `nobody${guess++}@x.example`, password: 'guess-guess-guess' });

/** N api replicas behind one load balancer: the per-IP limits must count all of them together. */
describe('rate limits shared by api replicas through Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let otherDeployment: TestApp | undefined;
  const ledger = new AttackLedger('shared rate limits');

  beforeAll(async () => {
    const env = { LOGIN_RATE_LIMIT_PER_MINUTE: String(LIMIT) };
    a = await TestApp.start(env);
    // A second replica: same database, same BULLMQ_PREFIX, same Redis.
    b = await TestApp.startOn(a.db, env);
    // Another deployment on the same Redis: its own prefix, its own counters.
    otherDeployment = await TestApp.startOn(a.db, { ...env, BULLMQ_PREFIX: `${a.config.BULLMQ_PREFIX}-other` });
  });
  afterAll(async () => {
    ledger.flush();
    await otherDeployment?.app.close();
    await b?.app.close();
    await a?.stop();
  });

  it(`should refuse the ${LIMIT + 1}th sign-in a minute from one address whichever replica gets it`, async () => {
    const ip = '203.0.113.70';
    const spread: number[] = [];
    for (let i = 0; i < LIMIT; i++) spread.push((await login(i % 2 === 0 ? a : b, ip)).status);
    expect(spread).toEqual(Array(LIMIT).fill(401));
    await ledger.attempt('login flood spread over two replicas', async () => {
      for (const replica of [a, b, a, b]) {
        const res = await login(replica, ip);
        expect(res.status).toBe(429);
        expect(res.body.message).toBe(LIMIT_MESSAGE);
      }
    });
    // Another address is not held back, on either replica.
    expect((await login(b, '198.51.100.70')).status).toBe(401);
  });

  it('should keep the counters of a deployment with another BULLMQ_PREFIX apart', async () => {
    const ip = '203.0.113.71';
    for (let i = 0; i < LIMIT; i++) expect((await login(i % 2 === 0 ? a : b, ip)).status).toBe(401);
    expect((await login(a, ip)).status).toBe(429);
    // Same Redis, same address, another prefix: a fresh count.
    const other: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) other.push((await login(otherDeployment!, ip)).status);
    expect(other).toEqual([...Array(LIMIT).fill(401), 429]);

    const redis = new Redis(REDIS_URL, { lazyConnect: true });
    try {
      await redis.connect();
      const ownKeys = await redis.keys(`${a.config.BULLMQ_PREFIX}:throttler:*`);
      const otherKeys = await redis.keys(`${otherDeployment!.config.BULLMQ_PREFIX}:throttler:*`);
      expect(ownKeys.length).toBeGreaterThan(0);
      expect(otherKeys.length).toBeGreaterThan(0);
      expect(ownKeys.filter((k) => otherKeys.includes(k))).toEqual([]);
      // The counters expire with their window: nothing is left behind in a shared Redis.
      for (const key of ownKeys) expect(await redis.pttl(key)).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  it('should close its Redis connection when the api shuts down', async () => {
    const { connection } = otherDeployment!.app.get(SharedThrottlerStorage);
    expect(connection.status).toBe('ready');
    await otherDeployment!.app.close();
    otherDeployment = undefined;
    expect(connection.status).toBe('end');
  });
});

/** The api accepts scores without Redis (the outbox is in Postgres): a Redis outage must not open or break the limits. */
describe('rate limits while Redis is unreachable', () => {
  let ctx: TestApp;
  let warn: jest.SpyInstance;
  let silentRedis: Server;
  const sockets = new Set<Socket>();
  const ledger = new AttackLedger('rate limits without Redis');
  const outageCalls = () => warn.mock.calls.filter((args) => args.some((arg: unknown) => typeof arg === 'string' && OUTAGE_WARNING.test(arg)));
  const outageWarnings = () => outageCalls().length;

  beforeAll(async () => {
    warn = jest.spyOn(Logger.prototype, 'warn');
    ctx = await TestApp.start();
    silentRedis = await startSilentRedis(sockets);
  });
  afterAll(async () => {
    ledger.flush();
    warn.mockRestore();
    for (const socket of sockets) socket.destroy();
    silentRedis?.close();
    await ctx?.stop();
  });

  it('should answer 401 to bad passwords and 429 past the limit, never 500, counting in memory (nothing listens on the port)', async () => {
    const before = outageWarnings();
    const down = await TestApp.startOn(ctx.db, { REDIS_URL: 'redis://127.0.0.1:1', LOGIN_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 3; i++) statuses.push((await login(down, '203.0.113.80')).status);
      await ledger.attempt('login flood while Redis is down', async () => {
        expect(statuses).toEqual([...Array(LIMIT).fill(401), 429, 429, 429]);
      });
      const res = await login(down, '203.0.113.80');
      expect(res.status).toBe(429);
      expect(res.body.message).toBe(LIMIT_MESSAGE);
      expect((await login(down, '198.51.100.80')).status).toBe(401);
      // One warning for the outage, not one per request.
      expect(outageWarnings() - before).toBe(1);
    } finally {
      await down.app.close();
    }
    // Closed while reconnecting, ioredis only cancels the next attempt (its status stays 'reconnecting'): none may
    // come after shutdown, even the longest reconnect delay (5 s + jitter) later.
    const { connection } = down.app.get(SharedThrottlerStorage);
    const attempts: string[] = [];
    for (const event of ['connect', 'reconnecting', 'ready']) connection.on(event, () => attempts.push(event));
    await new Promise((resolve) => setTimeout(resolve, 5_300));
    expect(attempts).toEqual([]);
    expect(['end', 'reconnecting']).toContain(connection.status);
  });

  it('should not hang on a Redis that accepts connections but never answers the count', async () => {
    const { port } = silentRedis.address() as { port: number };
    const before = outageWarnings();
    const hung = await TestApp.startOn(ctx.db, { REDIS_URL: `redis://127.0.0.1:${port}`, LOGIN_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    try {
      const started = Date.now();
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 2; i++) statuses.push((await login(hung, '203.0.113.81')).status);
      await ledger.attempt('login flood while Redis hangs', async () => {
        expect(statuses).toEqual([...Array(LIMIT).fill(401), 429, 429]);
      });
      // Each count waits at most the command timeout (500 ms), then counts in memory for a second before trying again.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(outageWarnings() - before).toBe(1);
      // It was the command timeout that sent the count to memory (the connection itself was up).
      expect(outageCalls().at(-1)?.[0]).toEqual({ reason: expect.stringMatching(/timed out/i) });
    } finally {
      await hung.app.close();
    }
    expect(hung.app.get(SharedThrottlerStorage).connection.status).toBe('end');
  });
});

/**
 * A TCP server that speaks just enough RESP for ioredis to connect (INFO, CLIENT …) and never answers EVAL: a Redis
 * that is up for the connection but hung for the rate-limit script.
 */
async function startSilentRedis(sockets: Set<Socket>): Promise<Server> {
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        const parsed = parseCommand(buffer);
        if (!parsed) return;
        buffer = buffer.slice(parsed.length);
        const name = parsed.args[0]?.toLowerCase();
        if (name === 'eval' || name === 'evalsha') continue;
        if (name === 'info') socket.write(bulk('# Server\r\nredis_version:7.0.0\r\nloading:0\r\n'));
        else if (name === 'ping') socket.write('+PONG\r\n');
        else socket.write('+OK\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const bulk = (s: string) => `$${Buffer.byteLength(s, 'latin1')}\r\n${s}\r\n`;

function parseCommand(buffer: string): { args: string[]; length: number } | null {
  if (!buffer.startsWith('*')) return buffer.length ? { args: [buffer.trim()], length: buffer.length } : null; // inline command
  let at = buffer.indexOf('\r\n');
  if (at < 0) return null;
  const count = Number(buffer.slice(1, at));
  at += 2;
  const args: string[] = [];
  for (let i = 0; i < count; i++) {
    const end = buffer.indexOf('\r\n', at);
    if (end < 0) return null;
    const size = Number(buffer.slice(at + 1, end));
    if (buffer.length < end + 2 + size + 2) return null;
    args.push(buffer.slice(end + 2, end + 2 + size));
    at = end + 2 + size + 2;
  }
  return { args, length: at };
}
