import type { AuthenticatedViewer } from '../auth/viewer.js';
import type { LiveStream } from './live-stream.js';

/** One open WebSocket connection as the live server tracks it. */
export interface LiveConnection {
  /** The `authorization` of `connection_init`, checked again before every event and after every revocation. */
  readonly authorization: string | undefined;
  readonly clientIp: string | undefined;
  /** The viewer as last authenticated; null for an anonymous connection. */
  viewer: AuthenticatedViewer | null;
  /** Operation ids holding a place (counted against the limits), from an accepted subscribe to its end. */
  readonly operations: Set<string>;
  /** The sources of its subscriptions, re-checked when the viewer's access changes. */
  readonly streams: Set<LiveStream<unknown>>;
  /** Times (ms) of its recent subscribe messages, for the rate limit. */
  readonly subscribeTimes: number[];
  /** Closes the socket with a WebSocket close code and a reason (at most 123 bytes are sent). */
  close(code: number, reason: string): void;
}

/** WebSocket close codes the live server uses beyond graphql-ws's own (4400, 4401, 4403, 4408, ...). */
export const closeCodes = {
  /** The token is expired, revoked, or its session or account ended: graphql-ws's Unauthorized. */
  unauthorized: 4401,
  /** The client reads its events too slowly (`WS_MAX_BUFFERED_EVENTS`): try again later. */
  tooSlow: 1013,
  /** Revocations cannot be checked right now (the session store is down): try again later. */
  unavailable: 1013,
  /** The server is stopping. */
  goingAway: 1001,
} as const;

/** A close reason within the 123 bytes a WebSocket close frame carries. */
export function closeReason(reason: string): string {
  const bytes = Buffer.from(reason);
  return bytes.length <= 123
    ? reason
    : `${bytes
        .subarray(0, 120)
        .toString()
        .replace(/\uFFFD+$/, '')}...`;
}
