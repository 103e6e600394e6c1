// The client address of a raw request, computed as Fastify computes `request.ip` for the same
// TESSERA_TRUST_PROXY setting, for code that answers before Fastify builds a request.
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

const trustEveryHop = () => true;

/** A function giving a raw request's client IP: the socket's peer, or with `trustProxy` the first X-Forwarded-For address. */
export function clientIpOf(trustProxy: boolean): (request: IncomingMessage) => string | undefined {
  if (!trustProxy) return (request) => request.socket.remoteAddress;
  return (request) => {
    const addresses = proxyAddr.all(request, trustEveryHop);
    return addresses[addresses.length - 1];
  };
}
