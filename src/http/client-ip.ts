// The client address of a raw request, computed as Fastify computes `request.ip` for the same
// TESSERA_TRUST_PROXY setting, for code that answers before Fastify builds a request.
import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import proxyAddr from '@fastify/proxy-addr';

import type { TrustProxy } from '../config.ts';

/**
 * Whether the hop'th address of a request's chain (0 the socket's peer, then X-Forwarded-For from
 * right to left) is a proxy to see through. One function for Fastify's `request.ip`, protocol and
 * host, and for clientIpOf, so both name the same client.
 */
export function proxyTrust(trustProxy: TrustProxy): (address: string, hop: number) => boolean {
  if (trustProxy === false) return () => false;
  if (trustProxy === true) return () => true;
  if (typeof trustProxy === 'number') return (_address, hop) => hop < trustProxy;
  return proxyAddr.compile([...trustProxy]);
}

/** A function giving a raw request's client IP as Fastify gives `request.ip` for the same setting. */
export function clientIpOf(trustProxy: TrustProxy): (request: IncomingMessage) => string | undefined {
  if (trustProxy === false) return (request) => request.socket.remoteAddress;
  const trust = proxyTrust(trustProxy);
  return (request) => proxyAddr(request, trust);
}

/**
 * The network an address belongs to, as one client: an IPv6 /64 (which one subscriber gets
 * whole, so counting single addresses would give each subscriber billions of budgets), else the
 * IPv4 address. Unknown addresses share one network. Every per-address limit counts by it
 * (sign-in, sign-up, form submissions, items).
 */
export function clientNetwork(ip: string | undefined): string {
  const network = ip ?? 'unknown';
  if (network.startsWith('::ffff:') && isIPv4(network.slice(7))) return network.slice(7);
  if (!isIPv6(network)) return network;
  const [head = '', tail] = network.split('::');
  const first = head ? head.split(':') : [];
  const last = tail ? tail.split(':') : [];
  const groups = tail === undefined ? first : [...first, ...Array<string>(Math.max(0, 8 - first.length - last.length)).fill('0'), ...last];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
