import { ConfigError, DEV_AUDIT_CHAIN_KEY, loadConfig } from './app-config';

/** The problems loadConfig names about the audit settings only (other settings have their own specs). */
function auditProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.filter((p) => p.includes('AUDIT_'));
  }
}

describe('audit chain settings', () => {
  const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r', PUBLIC_BASE_URL: 'https://clinic.example' };

  it('should use the development key only outside production', () => {
    expect(loadConfig({}).AUDIT_CHAIN_KEY).toBe(DEV_AUDIT_CHAIN_KEY);
    expect(auditProblems(production)).toEqual([expect.stringMatching(/AUDIT_CHAIN_KEY is required when NODE_ENV=production/)]);
    expect(auditProblems({ ...production, AUDIT_CHAIN_KEY: DEV_AUDIT_CHAIN_KEY })).toEqual([expect.stringMatching(/AUDIT_CHAIN_KEY is required/)]);
    expect(auditProblems({ ...production, AUDIT_CHAIN_KEY: 'x'.repeat(40) })).toEqual([]);
    expect(loadConfig({ AUDIT_CHAIN_KEY: 'x'.repeat(40) }).AUDIT_CHAIN_KEY).toBe('x'.repeat(40));
  });

  it('should refuse a short key and a silly seal interval', () => {
    expect(auditProblems({ AUDIT_CHAIN_KEY: 'short' })).toEqual(['AUDIT_CHAIN_KEY must be at least 32 characters']);
    expect(auditProblems({ AUDIT_SEAL_INTERVAL_MS: '5' })).toEqual([expect.stringMatching(/AUDIT_SEAL_INTERVAL_MS/)]);
    expect(loadConfig({ AUDIT_SEAL_INTERVAL_MS: '2000' }).AUDIT_SEAL_INTERVAL_MS).toBe(2000);
  });
});
