import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { FastifyRequest } from 'fastify';

const gzipAsync = promisify(gzip);

/** Below this a response goes out as it is: compressing would cost more than it saves. */
const GZIP_MIN_BYTES = 32 * 1024;

/** Compressed forms of bodies that are themselves kept (memoised views), made once per body. */
const compressedOnce = new WeakMap<Uint8Array, Promise<Buffer>>();

/** True when the client said it takes gzip. */
function acceptsGzip(request: FastifyRequest): boolean {
  const header = request.headers['accept-encoding'];
  return typeof header === 'string' && /\bgzip\b/i.test(header) && !/\bgzip\s*;\s*q=0(?:\.0*)?\b/i.test(header);
}

/**
 * The body to send and its encoding: large JSON is gzipped (on the thread pool, not the event
 * loop) when the client accepts it; a kept body is compressed only the first time it is sent.
 */
export async function encodeBody(request: FastifyRequest, body: string | Uint8Array): Promise<{ readonly bytes: string | Buffer | Uint8Array; readonly gzip: boolean }> {
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  if (size < GZIP_MIN_BYTES || !acceptsGzip(request)) return { bytes: body, gzip: false };
  if (typeof body === 'string') return { bytes: await gzipAsync(body, { level: 4 }), gzip: true };
  let compressed = compressedOnce.get(body);
  if (compressed === undefined) {
    compressed = gzipAsync(body, { level: 6 });
    compressedOnce.set(body, compressed);
  }
  return { bytes: await compressed, gzip: true };
}
