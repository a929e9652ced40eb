import type { WebSocket } from 'ws';

/** True for what `ws` reports of a client breaking the WebSocket protocol (an oversized, unmasked or malformed frame). */
function isClientProtocolError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('WS_ERR_');
}

/**
 * `ws` answers a client's protocol violation itself (it closes the socket with 1009, 1002 or 1007)
 * and then emits it as the socket's `error`; graphql-ws prints every socket error with
 * `console.error`, so any client could fill the server's output with oversized messages. Those
 * errors go to `onClientError` instead (the server logs them at debug level); any other error
 * reaches graphql-ws's handler as before.
 */
export function divertClientProtocolErrors(socket: WebSocket, onClientError: (error: Error) => void): void {
  const emit = socket.emit.bind(socket);
  socket.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event === 'error' && isClientProtocolError(args[0])) {
      onClientError(args[0]);
      return true;
    }
    return emit(event, ...args);
  }) as typeof socket.emit;
}
