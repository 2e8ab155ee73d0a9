import { BlockList, isIP } from 'node:net';

/**
 * Which addresses an alert may be sent to. A channel URL is typed by a user, so without a rule
 * the console would POST wherever it is told, its own loopback and private network included
 * (server-side request forgery). Public addresses are allowed; loopback, private, link-local,
 * CGNAT, multicast and unspecified ranges only when ALERTS_ALLOWED_HOSTS lists the host name or a
 * range holding the address. The check runs on the address actually connected to (see
 * http-send.ts), so a name that resolves differently later cannot slip past it.
 */
export class OutboundPolicy {
  readonly #hosts = new Set<string>();
  readonly #suffixes: string[] = [];
  readonly #allowed = new BlockList();
  readonly #internal = new BlockList();

  /** entries: host names (`hooks.example.com`, `*.corp.example`), IP addresses or CIDRs. */
  constructor(entries: string[] = []) {
    for (const raw of entries) {
      const e = raw.trim().toLowerCase();
      if (!e) continue;
      const slash = e.indexOf('/');
      if (slash > 0) {
        const [net, bits] = [e.slice(0, slash), Number(e.slice(slash + 1))];
        const family = isIP(net);
        if (!family || !Number.isInteger(bits)) throw new Error(`not a CIDR range: ${raw}`);
        this.#allowed.addSubnet(net, bits, family === 6 ? 'ipv6' : 'ipv4');
      } else if (isIP(e)) {
        this.#allowed.addAddress(e, isIP(e) === 6 ? 'ipv6' : 'ipv4');
      } else if (e.startsWith('*.')) {
        this.#suffixes.push(e.slice(1));
      } else {
        this.#hosts.add(e);
      }
    }
    for (const [net, bits] of [
      ['0.0.0.0', 8],
      ['10.0.0.0', 8],
      ['100.64.0.0', 10],
      ['127.0.0.0', 8],
      ['169.254.0.0', 16],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
      ['224.0.0.0', 4],
      ['240.0.0.0', 4],
    ] as const)
      this.#internal.addSubnet(net, bits, 'ipv4');
    for (const [net, bits] of [
      ['::', 128],
      ['::1', 128],
      ['fc00::', 7],
      ['fe80::', 10],
      ['ff00::', 8],
    ] as const)
      this.#internal.addSubnet(net, bits, 'ipv6');
  }

  /** Parses ALERTS_ALLOWED_HOSTS (comma-separated). */
  static fromEnv(value: string | undefined): OutboundPolicy {
    return new OutboundPolicy((value ?? '').split(','));
  }

  hostListed(host: string): boolean {
    const h = host.toLowerCase().replace(/\.$/, '');
    return this.#hosts.has(h) || this.#suffixes.some((s) => h.endsWith(s));
  }

  /** Null when the console may connect to `address` for `host`; else why not, in words. */
  refusal(host: string, address: string): string | null {
    const family: 'ipv4' | 'ipv6' = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address) ?? hexMapped(address);
    const [addr, fam]: [string, 'ipv4' | 'ipv6'] = mapped ? [mapped[1], 'ipv4'] : [address, family];
    if (!this.#internal.check(addr, fam)) return null;
    if (this.hostListed(host) || this.#allowed.check(addr, fam)) return null;
    return `${host} is an internal address (${addr}): alerts go there only when ALERTS_ALLOWED_HOSTS lists it`;
  }
}

/** `::ffff:7f00:1` (how URL writes ::ffff:127.0.0.1) as a match whose [1] is the dotted IPv4. */
function hexMapped(address: string): [string, string] | null {
  const m = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!m) return null;
  const [hi, lo] = [parseInt(m[1]!, 16), parseInt(m[2]!, 16)];
  return [address, `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`];
}
