import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * The client's address of a request Express does not see (a WebSocket upgrade), as Express's
 * `req.ip` reads it: `X-Forwarded-For` only through the proxies `TRUST_PROXY` trusts (`true`: all
 * of them; a number: that many hops), otherwise the socket's peer.
 */
export function clientIpOf(request: IncomingMessage, trustProxy: boolean | number): string | undefined {
  if (request.socket.remoteAddress === undefined) return undefined;
  const trust = trustProxy === false ? () => false : trustProxy === true ? () => true : (_address: string, hop: number) => hop < trustProxy;
  return proxyAddr(request, trust);
}
