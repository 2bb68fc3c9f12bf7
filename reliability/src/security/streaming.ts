/**
 * A request body that is still being sent when the answer comes: proof that the server refused it
 * from its size alone, before it could have parsed anything. A body declared over 2 MiB (or
 * chunked) is answered 413 and the connection closed at once, so a sender still writing usually
 * sees the connection reset (EPIPE) rather than the 413: both mean the server stopped reading.
 */
import { request } from 'node:http';

export interface StreamedRefusal {
  /** The answer's status, or null when the server closed the connection before it could be read. */
  status: number | null;
  body: string;
  /** EPIPE / ECONNRESET when the connection was closed under the sender. */
  errorCode: string | null;
  /** Body bytes handed to the socket when the answer arrived. */
  bytesSent: number;
  /** Body bytes the request announced, or would have sent (chunked). */
  bytesPlanned: number;
}

/**
 * POSTs `totalBytes` of JSON-looking text to `url` in 16 KB chunks, with a Content-Length header
 * or chunked, and stops sending as soon as a response arrives.
 */
export function streamOversizedBody(
  url: string,
  headers: Record<string, string>,
  { totalBytes, chunked }: { totalBytes: number; chunked: boolean },
): Promise<StreamedRefusal> {
  const chunk = Buffer.alloc(16 * 1024, 'a');
  let bytesSent = 0;
  let answered = false;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        ...(chunked ? {} : { 'content-length': String(totalBytes) }),
      },
      timeout: 20_000,
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 20 s')));
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return;
      // Closed while we were still sending: the server stopped reading, which is the point.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') {
        answered = true;
        resolve({
          status: null,
          body: '',
          errorCode: error.code,
          bytesSent,
          bytesPlanned: totalBytes,
        });
      } else reject(error);
    });
    req.on('response', (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(parts).toString('utf8'),
          errorCode: null,
          bytesSent,
          bytesPlanned: totalBytes,
        });
        req.destroy();
      });
    });
    const pump = () => {
      while (!answered && bytesSent < totalBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - bytesSent));
        bytesSent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      // Never end a Content-Length body early; a chunked one ends only if it was all sent.
      if (!answered && bytesSent >= totalBytes) req.end();
    };
    const opening = Buffer.from('{"email":"');
    bytesSent = opening.length;
    req.write(opening);
    pump();
  });
}
