import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * The client's address as Express's `req.ip` gives it with `trust proxy` set to TRUST_PROXY
 * hops, for requests that do not pass through Express (the Socket.IO handshake). Without it,
 * every socket behind nginx would come from nginx's address.
 */
export function clientAddress(request: IncomingMessage, trustedHops: number): string {
  return proxyAddr(request, (_address, hop) => hop < trustedHops);
}
