/**
 * Operations settings, read with the rest of the configuration (app-config.ts):
 *   METRICS_ALLOW        addresses or CIDR ranges that may scrape /api/metrics without a token
 *   WEEGWIJZER_KEY_FILE  the record-key secret kept by the deployment instead of the data dir
 */
import { BlockList, isIP } from 'node:net';
import { resolve } from 'node:path';

export interface OpsConfig {
  /** Entries of METRICS_ALLOW as given (`127.0.0.1`, `10.0.0.0/8`, `::1`); empty = token only. */
  metricsAllow: string[];
  /** Absolute path of WEEGWIJZER_KEY_FILE, or undefined (the secret then lives in the data dir). */
  keyFile: string | undefined;
}

export function loadOpsConfig(str: (name: string) => string | undefined, problems: string[]): OpsConfig {
  const metricsAllow = (str('METRICS_ALLOW') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const entry of metricsAllow) {
    const [addr, bits, more] = entry.split('/');
    const family = isIP(addr);
    const max = family === 6 ? 128 : 32;
    const ok = family !== 0 && more === undefined && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max));
    if (!ok) problems.push(`METRICS_ALLOW: ${JSON.stringify(entry)} is not an IP address or CIDR range (e.g. 127.0.0.1, 10.0.0.0/8, ::1)`);
  }
  const keyFile = str('WEEGWIJZER_KEY_FILE');
  return { metricsAllow, keyFile: keyFile === undefined ? undefined : resolve(keyFile) };
}

/** A matcher for METRICS_ALLOW (IPv4-mapped IPv6 addresses count as their IPv4 address). */
export function addressMatcher(entries: readonly string[]): (address: string | undefined) => boolean {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const [addr, bits] = entry.split('/');
    const type = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return (address) => {
    if (!address) return false;
    const a = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    const family = isIP(a);
    return family !== 0 && list.check(a, family === 6 ? 'ipv6' : 'ipv4');
  };
}
