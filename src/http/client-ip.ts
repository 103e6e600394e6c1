// The client address of a raw request, computed as Fastify computes `request.ip` for the same
// TESSERA_TRUST_PROXY setting, for code that answers before Fastify builds a request.
import type { IncomingMessage } from 'node:http';
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
