import type { GraphQLFormattedError } from 'graphql';
import WebSocket from 'ws';

/** How the server closed a socket: the WebSocket close code and reason. */
export interface LiveClose {
  readonly code: number;
  readonly reason: string;
}

/**
 * What the server said about one subscribe message. `running`: no `complete` came, the
 * subscription started (it may have sent a first value); `refused`: an `error` message;
 * `completed`: `next` then `complete`; `cut`: the socket closed before it ended.
 */
export interface LiveAnswer {
  readonly state: 'running' | 'refused' | 'completed' | 'cut';
  /** Its messages as received, the operation's id replaced by `<id>`, so two answers compare byte for byte. */
  readonly text: string;
  /** The errors it carried: a `next`'s `payload.errors`, or an `error` message's payload. */
  readonly errors: readonly GraphQLFormattedError[] | undefined;
  /** The data of a `next`: the first value a subscription sends at once (viewerAccessChanged), or an event (the fuzzer writes nothing). */
  readonly data: unknown;
}

/** One graphql-transport-ws socket of the fuzzer: never throws, keeps every message raw, holds many operations at once. */
export interface LiveFuzzSocket {
  /** Sends a frame: an object as JSON, a string as it is. */
  send(frame: unknown): void;
  /** Resolves once each of `ids` has ended, the socket has closed, or nothing arrived for `quietMs`. */
  settle(ids: readonly string[], quietMs: number): Promise<void>;
  answerOf(id: string): LiveAnswer;
  /** Frames that belong to no operation and are not `connection_ack`, `ping` or `pong` (or are not JSON). */
  strays(): readonly string[];
  /** Whether `connection_ack` came. */
  acknowledged(): boolean;
  /** How the server closed the socket; undefined while it is open, or when the fuzzer closed it. */
  closedByServer(): LiveClose | undefined;
  close(): void;
}

/** The longest wait for `connection_ack`: the wait ends as soon as the server acknowledges or closes. */
const ackWaitMs = 10_000;

/**
 * Opens a socket on a server's HTTP URL and sends `init` (a `connection_init` message, or any
 * frame); resolves once acknowledged, closed, or `ackWaitMs` passed without a word. A refused
 * upgrade or a reset connection resolves too, as a socket the server closed (code 1006).
 */
export async function openLiveFuzz(httpUrl: string, init: unknown, quietMs: number): Promise<LiveFuzzSocket> {
  const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const frames = new Map<string, string[]>();
  const strays: string[] = [];
  let acknowledged = false;
  let closed: LiveClose | undefined;
  let closedByUs = false;
  let lastHeard = Date.now();
  socket.on('message', (data) => {
    lastHeard = Date.now();
    const text = String(data);
    let message: { id?: unknown; type?: unknown } = {};
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      // Not JSON: a stray, below.
    }
    if (message.type === 'connection_ack') acknowledged = true;
    if (typeof message.id === 'string') frames.set(message.id, [...(frames.get(message.id) ?? []), text]);
    else if (!['connection_ack', 'ping', 'pong'].includes(String(message.type))) strays.push(text.slice(0, 200));
  });
  const ended = new Promise<void>((resolve) =>
    socket.on('close', (code, reason) => {
      closed = { code, reason: String(reason) };
      resolve();
    }),
  );
  socket.on('error', () => {});
  const send = (frame: unknown) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  };
  const hasEnded = (id: string) => {
    const types = (frames.get(id) ?? []).map((text) => (JSON.parse(text) as { type: string }).type);
    return types.includes('complete') || types.includes('error');
  };
  const quiet = async (until: () => boolean, ms: number) => {
    lastHeard = Date.now();
    while (!until() && closed === undefined && Date.now() - lastHeard < ms) {
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 10))]);
    }
  };
  await Promise.race([new Promise((resolve) => socket.on('open', resolve)), ended]);
  send(init);
  // Until the server acknowledges or closes: a busy machine (CI's two cores under every worker) can take longer than
  // `quietMs` to check the token, and a socket still waiting then was counted an offence.
  await quiet(() => acknowledged, Math.max(quietMs, ackWaitMs));
  return {
    send,
    settle: (ids, ms) => quiet(() => ids.every(hasEnded), ms),
    answerOf: (id) => answerOf(id, frames.get(id) ?? [], closed !== undefined && !closedByUs),
    strays: () => strays,
    acknowledged: () => acknowledged,
    closedByServer: () => (closedByUs ? undefined : closed),
    close: () => {
      if (closed === undefined) closedByUs = true;
      socket.close();
    },
  };
}

function answerOf(id: string, texts: readonly string[], cut: boolean): LiveAnswer {
  const messages = texts.map((text) => JSON.parse(text) as { type: string; payload?: unknown });
  const types = messages.map((message) => message.type);
  const next = messages.find((message) => message.type === 'next')?.payload as
    { data?: unknown; errors?: GraphQLFormattedError[] } | undefined;
  const error = messages.find((message) => message.type === 'error')?.payload as GraphQLFormattedError[] | undefined;
  const state = types.includes('error') ? 'refused' : types.includes('complete') ? 'completed' : cut ? 'cut' : 'running';
  return {
    state,
    text: texts.map((text) => text.split(`"id":${JSON.stringify(id)}`).join('"id":"<id>"')).join('\n'),
    errors: error ?? next?.errors,
    data: next?.data,
  };
}
