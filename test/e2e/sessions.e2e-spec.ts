import request from 'supertest';
import { bearer, TestApp } from '../support/test-app';

const MINUTE = 60_000;

describe('sessions', () => {
  let ctx: TestApp;
  beforeAll(async () => (ctx = await TestApp.start({ SESSION_IDLE_MINUTES: '5', SESSION_TTL_MINUTES: '30' })));
  afterAll(() => ctx.stop());

  const me = (token: string) => request(ctx.http).get('/api/v1/auth/me').set(bearer(token));

  it('should keep a session alive while it is used, and end it after 5 idle minutes', async () => {
    const { token } = await ctx.newClinician();
    ctx.clock.advance(4 * MINUTE);
    await me(token).expect(200);
    ctx.clock.advance(4 * MINUTE); // 8 minutes after sign-in, 4 after the last use
    await me(token).expect(200);
    ctx.clock.advance(6 * MINUTE);
    const expired = await me(token).expect(401);
    expect(expired.body.message).toMatch(/expired or was signed out/);
  });

  it('should end a session at its absolute lifetime even when in use', async () => {
    const { token } = await ctx.newClinician();
    for (let i = 0; i < 7; i++) {
      ctx.clock.advance(4 * MINUTE);
      await me(token).expect(200);
    }
    ctx.clock.advance(4 * MINUTE); // 32 minutes after sign-in
    await me(token).expect(401);
  });
});
