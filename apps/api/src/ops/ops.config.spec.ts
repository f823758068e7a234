import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/app-config';
import { addressMatcher } from './ops.config';

describe('METRICS_ALLOW and WEEGWIJZER_KEY_FILE', () => {
  it('defaults to no address and no key file', () => {
    expect(loadConfig({}, []).ops).toEqual({ metricsAllow: [], keyFile: undefined });
  });

  it('reads addresses and CIDR ranges, and resolves the key file', () => {
    const c = loadConfig({ METRICS_ALLOW: ' 127.0.0.1, 10.0.0.0/8 ,::1', WEEGWIJZER_KEY_FILE: '/etc/weegwijzer/record-key' }, []);
    expect(c.ops).toEqual({ metricsAllow: ['127.0.0.1', '10.0.0.0/8', '::1'], keyFile: '/etc/weegwijzer/record-key' });
  });

  it.each(['localhost', '10.0.0.0/33', '1.2.3', '10.0.0.0/8/1', '::1/129'])('refuses %s with a message naming it', (entry) => {
    expect(() => loadConfig({ METRICS_ALLOW: entry }, [])).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_ALLOW: entry }, [])).toThrow(`METRICS_ALLOW: ${JSON.stringify(entry)} is not an IP address or CIDR range`);
  });

  it('matches exact addresses, ranges and IPv4-mapped IPv6, nothing else', () => {
    const allowed = addressMatcher(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(allowed('127.0.0.1')).toBe(true);
    expect(allowed('::ffff:127.0.0.1')).toBe(true);
    expect(allowed('10.200.3.4')).toBe(true);
    expect(allowed('::1')).toBe(true);
    expect(allowed('127.0.0.2')).toBe(false);
    expect(allowed('11.0.0.1')).toBe(false);
    expect(allowed('::2')).toBe(false);
    expect(allowed(undefined)).toBe(false);
    expect(addressMatcher([])('127.0.0.1')).toBe(false);
  });
});
