import { describe, expect, it } from 'vitest';
import { issueEventsQuery } from './live-client.js';
import { liveTestServer } from './live-test-server.js';

// An access token's expiry closes its socket with graphql-ws's 4401 (Unauthorized), at the
// token's `exp`, with no event needed: the client signs in again (or refreshes) and reconnects.
// The shortest lifetime ACCESS_TOKEN_TTL_SECONDS allows is 30 s; the test sets 3 s beyond it rather than wait.

const lifetimeSeconds = 3;
const server = liveTestServer({}, (config) => ({ ...config, accessTokenTtlSeconds: lifetimeSeconds }));

describe('token expiry', () => {
  it('closes the socket with 4401 when the token expires', async () => {
    const signedIn = Date.now();
    const client = await server.live('paul');
    const subscription = client.subscribe(issueEventsQuery, { repositoryId: server.t.ids['abbey-road'] });
    const closed = await client.closed;
    const after = (Date.now() - signedIn) / 1000;
    expect(closed).toEqual({ code: 4401, reason: 'The access token has expired; reconnect with a renewed token.' });
    // signedIn is read just before the sign-in: the close comes the lifetime later, plus the sign-in's own time
    // (exp is in whole seconds: up to a second sooner).
    expect(after).toBeGreaterThan(lifetimeSeconds - 1);
    expect(after).toBeLessThan(lifetimeSeconds + 3);
    expect(subscription.results).toEqual([]);
  }, 30_000);
});
