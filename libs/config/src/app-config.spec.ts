import { ConfigError, loadConfig, smsProviderOf } from './app-config';

describe(loadConfig.name, () => {
  it('should default to the local Postgres and Redis so a fresh checkout runs', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/relieftrace');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
  });

  it('should read numbers and booleans from their text form', () => {
    const config = loadConfig({ PORT: '8080', COOKIE_SECURE: 'true', SESSION_IDLE_MINUTES: '15' });
    expect(config).toMatchObject({ PORT: 8080, COOKIE_SECURE: true, SESSION_IDLE_MINUTES: 15 });
  });

  it('should name every bad variable in one message', () => {
    const attempt = () => loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc', ADMIN_EMAIL: 'admin@example.org' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD must be set together/);
  });

  it('should require explicit service URLs in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL is required when NODE_ENV=production/);
  });

  it('should keep the console SMS provider out of production and require the Twilio settings together', () => {
    expect(smsProviderOf(loadConfig({}))).toBe('console');
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r', PUBLIC_BASE_URL: 'https://clinic.example', AUDIT_CHAIN_KEY: 'k'.repeat(32),
      PII_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`, PII_INDEX_KEY: Buffer.alloc(32, 2).toString('base64') };
    expect(smsProviderOf(loadConfig(production))).toBe('none');
    expect(() => loadConfig({ ...production, SMS_PROVIDER: 'console' })).toThrow(/SMS_PROVIDER=console is for development/);
    expect(() => loadConfig({ SMS_PROVIDER: 'twilio' })).toThrow(/TWILIO_ACCOUNT_SID is required[\s\S]*TWILIO_AUTH_TOKEN is required[\s\S]*exactly one of TWILIO_FROM/);
    const twilio = loadConfig({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'secret-token', TWILIO_FROM: '+15005550006' });
    expect(smsProviderOf(twilio)).toBe('twilio');
  });
});
