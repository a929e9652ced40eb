import { createClient, type Client } from 'graphql-ws';
import { currentSession } from '../session/session-store.js';
import { settings } from '../settings.js';

let client: Client | undefined;

/**
 * The console's one WebSocket client (graphql-ws) to the same-origin `/graphql`, opened when the
 * first subscription starts. Each (re)connection sends the session's current access token, so when
 * the server closes the socket as the token expires (4401), the client reconnects with the renewed
 * one the session already holds.
 */
export function liveClient(): Client {
  client ??= createClient({
    url: `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}${settings.graphqlPath}`,
    connectionParams: () => {
      const token = currentSession()?.accessToken;
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    // 4401 included: the token it closed on has been renewed by then (or the session ended, and the page signs out).
    shouldRetry: () => true,
    retryAttempts: 10,
  });
  return client;
}
