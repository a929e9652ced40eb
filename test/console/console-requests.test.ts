// How the console sends its requests, without a browser: a mutation carries one Idempotency-Key for
// every send, a send is repeated while the server answers 503 or 409 (waiting its Retry-After), and
// what the server says of a change it could not finish answering reads as a sentence.
import { describe, expect, it } from 'vitest';
import { errorSentence } from '../../src/console/app/api/api-error.js';
import { isMutationDocument, sendRetrying } from '../../src/console/app/api/send-retrying.js';

/** A server answering `statuses` in turn, recording the headers of each send. */
function server(statuses: readonly number[], retryAfter: string | null = '1') {
  const sent: Readonly<Record<string, string>>[] = [];
  const send = async (headers: Readonly<Record<string, string>>) => {
    sent.push(headers);
    const status = statuses[Math.min(sent.length - 1, statuses.length - 1)] ?? 200;
    return new Response(JSON.stringify({ status }), { status, headers: retryAfter ? { 'retry-after': retryAfter } : {} });
  };
  return { send, sent };
}

// operation, what the server answers in turn -> sends, final status, waits
const table: readonly [string, boolean, number[], string | null, number, number, number[]][] = [
  ['a mutation answered at once', true, [200], '1', 1, 200, []],
  ['a mutation whose database is away, then back', true, [503, 200], '1', 2, 200, [1000]],
  ['a mutation whose first send still runs', true, [409, 409, 200], '1', 3, 200, [1000, 1000]],
  ['a mutation the server never takes', true, [503], '1', 3, 503, [1000, 1000]],
  ['a query whose database is away, then back', false, [503, 200], '1', 2, 200, [1000]],
  ['a query answered 409 (not a key conflict: nothing to wait for)', false, [409], '1', 1, 409, []],
  ['a refusal is final', true, [400], '1', 1, 400, []],
  ['a Retry-After past the bound waits the bound', true, [503, 200], '60', 2, 200, [5000]],
  ['no Retry-After waits the least', true, [503, 200], null, 2, 200, [250]],
];

describe('sendRetrying', () => {
  it.each(table)('%s', async (_name, mutation, statuses, retryAfter, sends, status, waits) => {
    const { send, sent } = server(statuses, retryAfter);
    const waited: number[] = [];
    let keys = 0;
    const response = await sendRetrying(send, {
      mutation,
      wait: async (ms) => void waited.push(ms),
      newKey: () => `key-${++keys}`,
    });
    expect([sent.length, response.status, waited]).toEqual([sends, status, waits]);
    // One key for every send of a mutation; none on a query.
    expect(sent).toEqual(sent.map(() => (mutation ? { 'idempotency-key': 'key-1' } : {})));
  });

  it('makes a new random key for each mutation by default', async () => {
    const { send, sent } = server([200]);
    await sendRetrying(send, { mutation: true });
    await sendRetrying(send, { mutation: true });
    const [first, second] = sent.map((headers) => headers['idempotency-key']);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toMatch(/^[0-9a-f]{32}$/);
    expect(first).not.toBe(second);
  });

  it.each([
    ['mutation AddMember($o: ID!) { addMember { id } }', true],
    ['\n  mutation { logout }', true],
    ['query Viewer { viewer { id } }', false],
    ['{ viewer { id } }', false],
    ['query mutationCount { viewer { id } }', false],
  ])('isMutationDocument(%j) is %s', (document, mutation) => {
    expect(isMutationDocument(document)).toBe(mutation);
  });
});

describe('errorSentence: what a person reads of a change the server could not finish answering', () => {
  it.each([
    [{ code: 'SERVICE_UNAVAILABLE', retryable: true }, 'The server cannot answer right now: try again in a few seconds.'],
    [
      { code: 'SERVICE_UNAVAILABLE', outcome: 'unknown' },
      'The server lost its database while saving this: reload to see whether it was saved.',
    ],
    [{ code: 'ALREADY_APPLIED', outcome: 'applied' }, 'This was done already: reload to see it.'],
    [{ code: 'IDEMPOTENCY_KEY_IN_USE' }, 'This is still being saved: reload in a moment to see it.'],
    [{ code: 'INTERNAL_SERVER_ERROR' }, 'Something went wrong: still running.'],
  ])('%j', (extensions, sentence) => {
    expect(errorSentence({ message: 'still running.', extensions })).toBe(sentence);
  });
});
