// What a literal value is, as far as addresses go. node:net decides what an IP address is, so
// the audit agrees with the runtime helper (A2C::Net.ipwrap uses Ruby's IPAddr the same way).
import { isIPv4, isIPv6 } from 'node:net';

export type LiteralClass = 'v4' | 'v6' | 'bracketed' | 'name' | 'other';

/** `2001:db8::1`, `fe80::1%eth0`, `2001:db8::/64` are IPv6; `[::1]` is already bracketed. */
export function classifyLiteral(text: string, localNames: readonly string[] = []): LiteralClass {
  const s = text.trim();
  if (/^\[[^\]]+\]$/.test(s) && isIPv6(stripZone(s.slice(1, -1)))) return 'bracketed';
  const host = s.split('/')[0] ?? s;
  if (isIPv4(host)) return 'v4';
  if (isIPv6(stripZone(host))) return 'v6';
  if (localNames.includes(s.toLowerCase())) return 'name';
  // A DNS name: labels of letters, digits and hyphens, at least one letter somewhere.
  if (/^(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(s)) return 'name';
  return 'other';
}

function stripZone(s: string): string {
  const i = s.indexOf('%');
  return i < 0 ? s : s.slice(0, i);
}

/**
 * What A2C::Net.ipwrap makes of a string (support cookbook a2c_net.rb), for a literal bracketed at
 * conversion time: `2001:db8::5` -> `[2001:db8::5]`, `2001:db8::/64` -> `[2001:db8::]/64`; IPv4, names,
 * bracketed values and addresses with a zone index come back unchanged.
 */
export function ipwrapLiteral(text: string): string {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  if (addr.startsWith('[') || !addr.includes(':') || addr.includes('%') || !isIPv6(addr)) return text;
  return slash < 0 ? `[${addr}]` : `[${addr}]${text.slice(slash)}`;
}
