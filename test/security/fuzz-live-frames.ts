import type { LiveFrameProbe } from './fuzz-live-run.js';

/** A `connection_init` with this authorization. */
const init = (authorization: unknown) => ({ type: 'connection_init', payload: { authorization } });
const subscribe = (payload: unknown, id: unknown = 'x') => ({ id, type: 'subscribe', payload });

/**
 * Frames no client library sends: hostile `connection_init`s, then, on a socket signed in with
 * `token`, malformed messages (beside a subscription of `repositoryId`, which the token's user
 * reads). Each closes the socket with graphql-ws's code for it (4400 bad request, 4401
 * unauthorized, 4409 a repeated id, 4429 a second init), 1009 a message over WS_MAX_MESSAGE_BYTES
 * (2 MB on the fuzz server), or leaves it open.
 */
export function frameRows(token: string, repositoryId: string): LiveFrameProbe[] {
  const signedIn = init(`Bearer ${token}`);
  const valid = { query: 'subscription($r: ID!) { issueEvents(repositoryId: $r) { action } }', variables: { r: repositoryId } };
  const row = (description: string, first: unknown, then: unknown[], expected: string, sent: string[] = []): LiveFrameProbe => ({
    description,
    init: first,
    then,
    expected,
    sent,
  });
  const injection = "Bearer '; drop table users; --";
  return [
    row('authorization a number', init(12345), [], 'closed 4400'),
    row('authorization null', init(null), [], 'closed 4400'),
    row('authorization an object', init({ token }), [], 'closed 4400'),
    row('a token of 1,000,000 characters', init(`Bearer ${'a'.repeat(1_000_000)}`), [], 'closed 4401'),
    row('NUL in the token', init('Bearer a\u0000b'), [], 'closed 4401'),
    row('a lone surrogate as the token', init('Bearer \ud800'), [], 'closed 4401'),
    row('SQL as the token', init(injection), [], 'closed 4401', [injection]),
    row('a Basic authorization', init('Basic am9objpwYXNzd29yZA=='), [], 'closed 4401'),
    row('the payload a string', { type: 'connection_init', payload: 'Bearer x' }, [], 'closed 4400'),
    row('a frame that is not JSON', '{"type": "connection_init"', [], 'closed 4400'),
    row('an unknown message type', { type: 'connection_start' }, [], 'closed 4400'),
    row('subscribe before connection_init', subscribe(valid), [], 'closed 4401'),
    row('a second connection_init', signedIn, [signedIn], 'closed 4429'),
    row('query a number', signedIn, [subscribe({ query: 12345 })], 'closed 4400'),
    row('variables a list', signedIn, [subscribe({ ...valid, variables: ['x'] })], 'closed 4400'),
    row('operationName a number', signedIn, [subscribe({ ...valid, operationName: 1 })], 'closed 4400'),
    row('an empty id', signedIn, [subscribe(valid, '')], 'closed 4400'),
    row('an id a number', signedIn, [subscribe(valid, 7)], 'closed 4400'),
    row('one id twice', signedIn, [subscribe(valid, 'twice'), subscribe(valid, 'twice')], 'closed 4409'),
    row('an id of 100,000 characters', signedIn, [subscribe(valid, 'i'.repeat(100_000))], 'open'),
    row('complete for an id never used', signedIn, [{ id: 'never', type: 'complete' }], 'open'),
    row(
      'a message of 3 MB',
      signedIn,
      [subscribe({ ...valid, variables: { ...valid.variables, padding: 'p'.repeat(3_000_000) } })],
      'closed 1009',
    ),
  ];
}
