import WebSocket from 'ws';
import { wsUrlOf, type Closed } from './live-client.js';

/** A bare WebSocket on a test server (graphql-transport-ws), for what a well-behaved client never does. */
export interface RawSocket {
  readonly socket: WebSocket;
  readonly messages: unknown[];
  readonly closed: Promise<Closed>;
  send(message: unknown): void;
  /** The next message of `type`, waiting up to `timeoutMs`. */
  nextOf(type: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

/** Opens a socket; resolves once open, or rejects with the HTTP status of a refused upgrade (`unexpected-response`). */
export function openRaw(httpUrl: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  const socket = new WebSocket(wsUrlOf(httpUrl), 'graphql-transport-ws', { headers });
  const messages: unknown[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<Closed>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  return new Promise((resolve, reject) => {
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        reject(Object.assign(new Error(`upgrade refused: ${response.statusCode}`), { status: response.statusCode, body })),
      );
    });
    socket.on('error', reject);
    socket.on('open', () =>
      resolve({
        socket,
        messages,
        closed,
        send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
        async nextOf(type, timeoutMs = 5000) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const index = messages.findIndex((message) => (message as { type?: string }).type === type);
            if (index >= 0) return messages.splice(index, 1)[0] as Record<string, unknown>;
            if (Date.now() > deadline) throw new Error(`No "${type}" message within ${timeoutMs} ms: ${JSON.stringify(messages)}`);
            await new Promise((wait) => setTimeout(wait, 10));
          }
        },
      }),
    );
  });
}
