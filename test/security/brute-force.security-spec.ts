import request from 'supertest';
import { PASSWORD, TestApp } from '../support/test-app';
import { AttackLedger } from './attack-cases';

const MINUTE = 60_000;

describe('brute force hits the limits', () => {
  let ctx: TestApp;
  const ledger = new AttackLedger('brute force');
  // Requests come through a trusted local proxy, so X-Forwarded-For tells the attacker's address apart.
  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  beforeAll(async () => (ctx = await TestApp.start({ LOGIN_RATE_LIMIT_PER_MINUTE: '10', SMS_LINK_RATE_LIMIT_PER_MINUTE: '20', WEBHOOK_RATE_LIMIT_PER_MINUTE: '15' })));
  afterAll(async () => {
    ledger.flush();
    await ctx.stop();
  });

  it('should slow a password-guessing address down to 10 tries a minute (429), and not other addresses', async () => {
    const { email } = await ctx.newClinician();
    const guesses: number[] = [];
    for (let i = 0; i < 14; i++) guesses.push((await request(ctx.http).post('/api/v1/auth/login').set(from('203.0.113.7')).send({ email: `nobody${i}@x.example`, password: 'guess-guess-guess' })).status);
    await ledger.attempt('login flood from one address', async () => {
      expect(guesses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(guesses.slice(10)).toEqual([429, 429, 429, 429]);
    });
    await request(ctx.http).post('/api/v1/auth/login').set(from('198.51.100.2')).send({ email, password: PASSWORD }).expect(200);
  });

  it('should lock an account after 5 wrong passwords, refuse even the right one while locked, and open again later', async () => {
    const { email } = await ctx.newClinician();
    const login = (password: string, ip: string) => request(ctx.http).post('/api/v1/auth/login').set(from(ip)).send({ email, password });
    for (let i = 0; i < 4; i++) await login('wrong-wrong-wrong', `192.0.2.${i + 10}`).expect(401);
    await ledger.attempt('fifth wrong password locks the account', async () => {
      const res = await login('wrong-wrong-wrong', '192.0.2.20').expect(429);
      expect(res.body.message).toMatch(/Too many failed sign-ins for this account; try again in 1 minute/);
    });
    await ledger.attempt('right password while locked', async () => {
      await login(PASSWORD, '192.0.2.21').expect(429);
    });
    ctx.clock.advance(2 * MINUTE);
    await ledger.attempt('sixth wrong password doubles the lock', async () => {
      const res = await login('wrong-wrong-wrong', '192.0.2.22').expect(429);
      expect(res.body.message).toMatch(/try again in 2 minutes/);
    });
    ctx.clock.advance(3 * MINUTE);
    await login(PASSWORD, '192.0.2.23').expect(200);
    await login('wrong-wrong-wrong', '192.0.2.24').expect(401); // the count started over
  });

  it('should stop survey-token guessing at the per-address limit with a friendly page', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) statuses.push((await request(ctx.http).get(`/s/${'A'.repeat(42)}${i}`).set(from('203.0.113.50'))).status);
    await ledger.attempt('token guessing from one address', async () => {
      expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(20)).toEqual([429, 429, 429, 429]);
    });
    const page = await request(ctx.http).get('/s/whatever').set(from('203.0.113.50'));
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('should stop a webhook flood at the per-address limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 18; i++) statuses.push((await request(ctx.http).post('/webhooks/sms/twilio').set(from('203.0.113.99')).type('form').send({ From: '+15550001111', Body: '5' })).status);
    await ledger.attempt('webhook flood from one address', async () => {
      expect(statuses.slice(0, 15).every((s) => s === 403)).toBe(true); // unsigned: refused anyway
      expect(statuses.slice(15)).toEqual([429, 429, 429]);
    });
  });
});
