// The API description is about 480 KB of JSON that never changes while the process runs, read by
// the /docs page on every visit and by client generators: compressed once per process, then sent
// as brotli or gzip to every client that accepts it (browsers, curl --compressed). Other responses
// are left to a compressing proxy, as docs/operations.md says.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';

type Encoding = 'br' | 'gzip';

/** The encoding to send for an Accept-Encoding header: br before gzip, neither when refused (q=0) or not named. */
export function chooseEncoding(header: string | undefined): Encoding | null {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const wants = (encoding: Encoding) => (accepted.get(encoding) ?? (accepted.has('*') ? accepted.get('*')! : 0)) > 0;
  return wants('br') ? 'br' : wants('gzip') ? 'gzip' : null;
}

/** An onSend hook for routes whose body is one unchanging document: compressed on first use, kept. */
export function compressedDocument(): onSendHookHandler<unknown> {
  let source: string | null = null;
  const encoded: Partial<Record<Encoding, Buffer>> = {};
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (typeof payload !== 'string' || reply.statusCode !== 200) return payload;
    reply.header('vary', 'accept-encoding');
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    if (!encoding) return payload;
    if (payload !== source) {
      source = payload;
      delete encoded.br;
      delete encoded.gzip;
    }
    encoded[encoding] ??=
      encoding === 'br'
        ? brotliCompressSync(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(payload) } })
        : gzipSync(payload, { level: 9 });
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return encoded[encoding];
  };
}
