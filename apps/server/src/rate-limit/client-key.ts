/**
 * The rate-limit key of a client address. IPv6 hands whole /64s to one customer, so keying on the
 * full address would give everyone 2^64 fresh keys: an IPv6 client is keyed by its /64.
 */
import ipaddr from 'ipaddr.js';

export function clientKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  // process() turns an IPv4-mapped IPv6 address (::ffff:192.0.2.1) back into IPv4.
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const prefix = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${prefix.join(':')}::/64`;
}
