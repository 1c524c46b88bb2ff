import { BlockList, isIP } from "node:net";

// Never reachable from an upstream fetch: link-local (cloud metadata services live there),
// the unspecified and multicast ranges, and the AWS IPv6 metadata address.
const ALWAYS_REFUSED = new BlockList();
ALWAYS_REFUSED.addSubnet("169.254.0.0", 16, "ipv4");
ALWAYS_REFUSED.addSubnet("0.0.0.0", 8, "ipv4");
ALWAYS_REFUSED.addSubnet("224.0.0.0", 4, "ipv4");
ALWAYS_REFUSED.addSubnet("fe80::", 10, "ipv6");
ALWAYS_REFUSED.addSubnet("ff00::", 8, "ipv6");
ALWAYS_REFUSED.addAddress("::", "ipv6");
ALWAYS_REFUSED.addAddress("fd00:ec2::254", "ipv6");

// Loopback and private ranges: refused unless GATEHOUSE_UPSTREAM_ALLOW_PRIVATE=true (tests use loopback upstreams).
const PRIVATE = new BlockList();
PRIVATE.addSubnet("127.0.0.0", 8, "ipv4");
PRIVATE.addSubnet("10.0.0.0", 8, "ipv4");
PRIVATE.addSubnet("172.16.0.0", 12, "ipv4");
PRIVATE.addSubnet("192.168.0.0", 16, "ipv4");
PRIVATE.addSubnet("100.64.0.0", 10, "ipv4");
PRIVATE.addAddress("::1", "ipv6");
PRIVATE.addSubnet("fc00::", 7, "ipv6");

function unmapped(address: string): { address: string; family: "ipv4" | "ipv6" } {
  // ::ffff:a.b.c.d is the IPv4 address a.b.c.d: classify it as such.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return { address: mapped[1], family: "ipv4" };
  return { address, family: isIP(address) === 6 ? "ipv6" : "ipv4" };
}

/**
 * Why an upstream may not be reached at this address, or null when it may.
 *
 * @example refusalOf("169.254.169.254", true) // "a link-local or metadata-service address"
 * @example refusalOf("127.0.0.1", false) // "a loopback or private address (set GATEHOUSE_UPSTREAM_ALLOW_PRIVATE=true to allow it)"
 */
export function refusalOf(address: string, allowPrivate: boolean): string | null {
  if (isIP(address) === 0) return "not an IP address";
  const ip = unmapped(address);
  if (ALWAYS_REFUSED.check(ip.address, ip.family)) return "a link-local, metadata-service, multicast or unspecified address";
  if (!allowPrivate && PRIVATE.check(ip.address, ip.family)) {
    return "a loopback or private address (set GATEHOUSE_UPSTREAM_ALLOW_PRIVATE=true to allow it)";
  }
  return null;
}
