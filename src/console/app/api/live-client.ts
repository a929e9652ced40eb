import { CloseCode, createClient, type Client, type SubscribePayload } from 'graphql-ws';
import { currentSession, subscribeToSession } from '../session/session-store.js';
import { settings } from '../settings.js';

let client: Client | undefined;
/** The access token the latest socket was opened with. */
let sentToken: string | undefined;

/**
 * The console's one WebSocket client (graphql-ws) to the same-origin `/graphql`, opened when the
 * first subscription starts. Each (re)connection sends the session's current access token.
 */
export function liveClient(): Client {
  client ??= createClient({
    url: `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}${settings.graphqlPath}`,
    connectionParams: () => {
      sentToken = currentSession()?.accessToken;
      return sentToken ? { authorization: `Bearer ${sentToken}` } : {};
    },
    // Note: graphql-ws never asks this about a close with 4401 (the token expired): `subscribeLive` handles those.
    shouldRetry: () => true,
    retryAttempts: 10,
  });
  return client;
}

/**
 * Runs a subscription until the returned function stops it, calling `onChange` at each event (with
 * its data), at its end, and once it runs again after the token's expiry (without). The server closes the socket with 4401 when
 * the token it was opened with expires; graphql-ws gives up on that close (whatever `shouldRetry`
 * says) and fails every subscription on the socket. Each starts again here once the session holds a
 * renewed token (it renews before the expiry, so usually at once), on a new socket sent that token,
 * and the page reads itself again for what happened while no socket was open. It ends with the session.
 */
export function subscribeLive(request: SubscribePayload, onChange: (data?: unknown) => void): () => void {
  let stopped = false;
  const start = (): (() => void) => {
    const unsubscribe = liveClient().subscribe(request, {
      next: (result) => onChange(result.data ?? undefined),
      complete: () => onChange(),
      error: (error) => {
        // Note: read at once, before another subscription started again opens the next socket.
        const expired = sentToken;
        // graphql-ws counts a failed subscription as running until it is unsubscribed.
        unsubscribe();
        if (!isTokenExpiry(error)) return;
        void sessionRenewedSince(expired).then((renewed) => {
          if (!renewed || stopped) return;
          stop = start();
          onChange();
        });
      },
    });
    return unsubscribe;
  };
  let stop = start();
  return () => {
    stopped = true;
    stop();
  };
}

function isTokenExpiry(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === CloseCode.Unauthorized;
}

/** True once the session holds another access token than `expired`; false if it ends first. */
function sessionRenewedSince(expired: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const settled = (): boolean => {
      const token = currentSession()?.accessToken;
      if (token === expired) return false;
      resolve(token !== undefined);
      return true;
    };
    if (settled()) return;
    const unsubscribe = subscribeToSession(() => {
      if (settled()) unsubscribe();
    });
  });
}
