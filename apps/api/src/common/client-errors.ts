import type { Server } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { apiErrorBody } from './error-mapping';

/** Node's own choices for a request it cannot parse (see `_http_server.js`), with our body. */
function statusOf(code: unknown): number {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return 431;
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return 413;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408;
    default:
      return 400;
  }
}

const MESSAGES: Record<number, string> = {
  431: 'request headers are too large',
  413: 'request is too large',
  408: 'request took too long to arrive',
  400: 'request could not be parsed as HTTP',
};

/**
 * Node's HTTP server answers requests it cannot parse (an oversized header, a malformed request
 * line) before Express sees them, with a bare status line. This answers them in the contract's
 * JSON error shape instead, with the headers every other response carries.
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A peer that went away, or a connection already part-way through a response (as Node's
    // own handler checks), gets nothing more.
    const answered = socket instanceof Socket && socket.bytesWritten > 0;
    if (error.code === 'ECONNRESET' || !socket.writable || answered) {
      socket.destroy();
      return;
    }
    const status = statusOf(error.code);
    const apiError = apiErrorBody(status, MESSAGES[status] ?? 'bad request');
    const body = JSON.stringify(apiError);
    const head = [
      `HTTP/1.1 ${status} ${apiError.error}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'X-Content-Type-Options: nosniff',
      "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
      'Connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
}
