import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config';

function problems(env: Record<string, string>, argv: string[] = []): string[] {
  try {
    loadConfig(env, argv);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('configuration', () => {
  it('has safe defaults', () => {
    const c = loadConfig({}, []);
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.k).toBe(5);
    expect(c.corsOrigins).toEqual([]);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.oidc).toBeUndefined();
    expect(c.demo.enabled).toBe(false);
    expect(c.dataDir).toMatch(/^\/.*\/data$/);
    expect(c.rateLimit).toBe(600);
    expect(c.rateLimitWindowMs).toBe(60_000);
  });

  it('turns on demo mode by flag or variable', () => {
    expect(loadConfig({}, ['--demo']).demo.enabled).toBe(true);
    expect(loadConfig({ WEEGWIJZER_DEMO: '1' }, []).demo.enabled).toBe(true);
  });

  it('never allows k below 3', () => {
    expect(problems({ WEEGWIJZER_K: '2' })).toEqual([expect.stringMatching(/^WEEGWIJZER_K="2": expected a whole number from 3 to 1000.*never be below 3/)]);
    expect(loadConfig({ WEEGWIJZER_K: '3' }, []).k).toBe(3);
  });

  it('lists every problem at once, naming the variable', () => {
    const p = problems({ PORT: 'eighty', LOG_LEVEL: 'loud', CORS_ORIGINS: '*', RATE_LIMIT: 'lots' }, ['--verbose']);
    expect(p).toHaveLength(5);
    expect(p.join('\n')).toMatch(/unknown argument "--verbose"/);
    expect(p.join('\n')).toMatch(/PORT="eighty"/);
    expect(p.join('\n')).toMatch(/LOG_LEVEL="loud"/);
    expect(p.join('\n')).toMatch(/CORS_ORIGINS: "\*" is not allowed/);
    expect(p.join('\n')).toMatch(/RATE_LIMIT="lots"/);
  });

  it('rejects a non-PostgreSQL DATABASE_URL without echoing it', () => {
    const p = problems({ DATABASE_URL: 'mysql://root:secret@db/x' });
    expect(p).toHaveLength(1);
    expect(p[0]).not.toContain('secret');
  });

  it('requires OIDC to be configured completely', () => {
    expect(problems({ OIDC_ISSUER: 'https://id.example' })[0]).toMatch(/missing: OIDC_AUDIENCE, OIDC_JWKS_URL/);
    expect(problems({ OIDC_ROLE_CLAIM: 'role' })[0]).toMatch(/OIDC_ROLE_CLAIM is set but OIDC is not configured/);
    const c = loadConfig({ OIDC_ISSUER: 'https://id.example', OIDC_AUDIENCE: 'weegwijzer', OIDC_JWKS_URL: 'http://127.0.0.1:9/jwks' }, []);
    expect(c.oidc).toEqual({
      issuer: 'https://id.example',
      audience: 'weegwijzer',
      jwksUrl: 'http://127.0.0.1:9/jwks',
      roleClaim: 'weegwijzer_role',
      regionClaim: 'weegwijzer_region',
    });
  });

  it('parses rate limits with a window', () => {
    expect(loadConfig({ RATE_LIMIT: '50/10s' }, [])).toMatchObject({ rateLimit: 50, rateLimitWindowMs: 10_000 });
    expect(loadConfig({ RATE_LIMIT: '0' }, [])).toMatchObject({ rateLimit: 0 });
    expect(loadConfig({}, [])).toMatchObject({ authFailureLimit: 30, authFailureWindowMs: 60_000 });
    expect(loadConfig({ RATE_LIMIT_AUTH_FAILURES: '5/10s' }, [])).toMatchObject({ authFailureLimit: 5, authFailureWindowMs: 10_000 });
    expect(() => loadConfig({ RATE_LIMIT_AUTH_FAILURES: 'many' }, [])).toThrow(/RATE_LIMIT_AUTH_FAILURES="many"/);
  });

  it('checks the CORS origins and demo regions', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }, []).corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(problems({ CORS_ORIGINS: 'a.example' })[0]).toMatch(/is not an origin/);
    expect(problems({ WEEGWIJZER_DEMO_REGIONS: 'VR13,VR26' })[0]).toMatch(/"VR26" is not a region code/);
  });

  it('refuses demo mode on a non-loopback HOST, with a message that says why', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0', WEEGWIJZER_DEMO: '1' }, [])).toThrow(/demo mode .* with HOST="0.0.0.0": demo mode offers sign-in tokens to anyone/);
    expect(() => loadConfig({ HOST: '192.168.1.5' }, ['--demo'])).toThrow(/only listens on a loopback address/);
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(loadConfig({ HOST: host }, ['--demo']).demo.enabled).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0' }, []).host).toBe('0.0.0.0');
  });
});
