import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { openRaw, type RawSocket } from './raw-socket.js';

// WS_MAX_CONNECTIONS_PER_IP: open sockets from one client address, signed in or not (a socket that
// never sends connection_init holds its place until it closes), the address read as TRUST_PROXY says.

let t: TestServer;
const sockets: RawSocket[] = [];

beforeAll(async () => {
  t = await startTestServer({}, { WS_MAX_CONNECTIONS_PER_IP: '3', TRUST_PROXY: '1' });
});
afterAll(async () => {
  for (const raw of sockets) raw.socket.close();
  await t?.stop();
});

const open = async (headers: Record<string, string> = {}) => {
  const raw = await openRaw(t.server.url, headers);
  sockets.push(raw);
  return raw;
};

const refusal = (headers: Record<string, string> = {}) =>
  openRaw(t.server.url, headers).then(
    (raw) => (sockets.push(raw), undefined),
    (error: { status?: number; body?: string }) => ({ status: error.status, body: JSON.parse(error.body ?? '{}') as unknown }),
  );

describe('connections per client address (WS_MAX_CONNECTIONS_PER_IP=3, TRUST_PROXY=1)', () => {
  it('refuses a fourth socket from 127.0.0.1 with 429 SUBSCRIPTION_LIMIT, takes another address meanwhile, and one again once a socket closes', async () => {
    const first = await open();
    const signedIn = await open();
    signedIn.send({ type: 'connection_init', payload: { authorization: `Bearer ${await t.tokenOf('paul')}` } });
    await signedIn.nextOf('connection_ack');
    await open();
    expect(await refusal()).toEqual({
      status: 429,
      body: {
        errors: [
          {
            message: 'Too many open WebSocket connections from this address (at most 3); close one first.',
            extensions: { code: 'SUBSCRIPTION_LIMIT', limit: 'connectionsPerIp', maximum: 3 },
          },
        ],
      },
    });
    // The proxy TRUST_PROXY trusts says who the client is: another address has places of its own.
    expect(await refusal({ 'x-forwarded-for': '203.0.113.9' })).toBeUndefined();
    // A forged header behind no second proxy names the proxy's client, not an arbitrary address: the hop is counted once.
    expect(await refusal({ 'x-forwarded-for': '198.51.100.1, 127.0.0.1' })).toMatchObject({ status: 429 });
    first.socket.close();
    await first.closed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await refusal()).toBeUndefined();
    expect(await refusal()).toMatchObject({ status: 429 });
  });
});
