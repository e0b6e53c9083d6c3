import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './app-config';
import { DEV_INSECURE_PII_INDEX_KEY, DEV_INSECURE_PII_KEYS, piiKeyringOf } from './pii-keys';

const key = () => randomBytes(32).toString('base64');
const PRODUCTION = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r', PUBLIC_BASE_URL: 'https://clinic.example', AUDIT_CHAIN_KEY: 'k'.repeat(32) };

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
}

describe('PII key settings', () => {
  it('should use loudly named development keys outside production', () => {
    const config = loadConfig({});
    expect(config.PII_KEYS).toBe(DEV_INSECURE_PII_KEYS);
    expect(piiKeyringOf(config).activeKeyId).toBe('dev-insecure-do-not-use');
  });

  it('should require real keys in production and refuse the development ones there', () => {
    const missing = problemsOf(PRODUCTION);
    expect(missing).toMatch(/PII_KEYS is required when NODE_ENV=production/);
    expect(missing).toMatch(/PII_INDEX_KEY is required when NODE_ENV=production/);
    const dev = problemsOf({ ...PRODUCTION, PII_KEYS: DEV_INSECURE_PII_KEYS, PII_INDEX_KEY: DEV_INSECURE_PII_INDEX_KEY });
    expect(dev).toMatch(/PII_KEYS holds the built-in development key/);
    expect(dev).toMatch(/PII_INDEX_KEY is the built-in development key/);
    const real = loadConfig({ ...PRODUCTION, PII_KEYS: `2026a:${key()}`, PII_INDEX_KEY: key() });
    expect(piiKeyringOf(real).activeKeyId).toBe('2026a');
  });

  it('should refuse malformed keys with a clear message that never quotes the key', () => {
    const short = Buffer.from('sixteen byte key').toString('base64');
    const message = problemsOf({ PII_KEYS: `k1:${short}`, PII_INDEX_KEY: 'not base64!' });
    expect(message).toMatch(/PII_KEYS key "k1" must be 32 bytes in base64/);
    expect(message).toMatch(/PII_INDEX_KEY must be at least 32 bytes in base64/);
    expect(message).not.toContain(short);
    expect(problemsOf({ PII_KEYS: key() })).toMatch(/PII_KEYS entry 1 must look like "<key id>:<base64 key>"/);
    expect(problemsOf({ PII_KEYS: `a:b:${key()}` })).toMatch(/PII_KEYS key "a" must be 32 bytes/);
    const k = key();
    expect(problemsOf({ PII_KEYS: `k1:${k},k1:${key()}`, PII_ACTIVE_KEY_ID: 'k1' })).toMatch(/lists key id "k1" twice/);
    expect(problemsOf({ PII_KEYS: `k1:${k}`, PII_INDEX_KEY: k })).toMatch(/PII_INDEX_KEY must differ from every key in PII_KEYS/);
  });

  it('should require the active key id to be one of the keys, and to be named when there are several', () => {
    expect(problemsOf({ PII_KEYS: `k1:${key()},k2:${key()}` })).toMatch(/PII_ACTIVE_KEY_ID is required when PII_KEYS lists several keys/);
    expect(problemsOf({ PII_KEYS: `k1:${key()}`, PII_ACTIVE_KEY_ID: 'k9' })).toMatch(/PII_ACTIVE_KEY_ID "k9" is not one of the key ids in PII_KEYS/);
    const ring = piiKeyringOf(loadConfig({ PII_KEYS: `k2:${key()}, k1:${key()}`, PII_ACTIVE_KEY_ID: 'k2' }));
    expect(ring.activeKeyId).toBe('k2');
    expect([...ring.keys.keys()]).toEqual(['k2', 'k1']);
  });
});
