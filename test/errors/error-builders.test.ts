// The builders of src/errors/, row by row: each error's message, its extensions exactly as clients
// read them (in order: Apollo Server sends `extensions` as built, minus `http`) and the HTTP status
// and headers it asks for, which must be a status the catalog gives its code.
import { ErrorCode } from '@rolegate/authz';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { Kind, parse, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { errorCatalog, refusalReasons, type ClientErrorCode, type RefusalReason } from '../../src/errors/error-catalog.js';
import { errorResponseBody, recodedError, restatedError } from '../../src/errors/formatted-errors.js';
import {
  badUserInputError,
  invalidTokenError,
  queryLimitError,
  rateLimitedError,
  unavailableError,
} from '../../src/errors/graphql-errors.js';
import { refusal } from '../../src/errors/refusal.js';

/** What a client receives of an error, as JSON text (so the order of extensions counts), and what Apollo Server reads of `http`. */
function asSent(error: GraphQLError) {
  const { http, ...extensions } = error.extensions as { http?: { status: number; headers?: Map<string, string> } };
  return {
    message: error.message,
    extensions: JSON.stringify(extensions),
    status: http?.status,
    headers: Object.fromEntries(http?.headers ?? []),
  };
}

const operation = parse('query Deep { viewer { id } }').definitions[0] as OperationDefinitionNode;

const cases: {
  builder: string;
  error: GraphQLError;
  message: string;
  extensions: string;
  status?: number;
  headers?: Record<string, string>;
}[] = [
  {
    builder: 'invalidTokenError',
    error: invalidTokenError('The session has ended; sign in again.'),
    message: 'The session has ended; sign in again.',
    extensions: '{"code":"UNAUTHENTICATED"}',
    status: 401,
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  },
  {
    builder: 'unavailableError',
    error: unavailableError(),
    message: 'Token revocation cannot be checked right now; try again shortly.',
    extensions: '{"code":"SERVICE_UNAVAILABLE"}',
    status: 503,
    headers: { 'retry-after': '5' },
  },
  {
    builder: 'rateLimitedError',
    error: rateLimitedError(42),
    message: 'Too many sign-in attempts; try again in 42 seconds.',
    extensions: '{"code":"RATE_LIMITED","retryAfterSeconds":42}',
    status: 429,
    headers: { 'retry-after': '42' },
  },
  {
    builder: 'badUserInputError',
    error: badUserInputError('"input.login" must be at most 39 characters.', {
      argument: 'input.login',
      reason: 'TOO_LONG',
      maxLength: 39,
    }),
    message: '"input.login" must be at most 39 characters.',
    extensions: '{"argument":"input.login","reason":"TOO_LONG","maxLength":39,"code":"BAD_USER_INPUT"}',
  },
  {
    builder: 'badUserInputError, bare',
    error: badUserInputError('No such role.'),
    message: 'No such role.',
    extensions: '{"code":"BAD_USER_INPUT"}',
  },
  {
    builder: 'refusal, FORBIDDEN',
    error: refusal('PRIVILEGE_ESCALATION', 'You cannot give permissions you do not hold yourself: "delete:repository".', {
      missing: ['delete:repository'],
    }),
    message: 'You cannot give permissions you do not hold yourself: "delete:repository".',
    extensions: '{"code":"FORBIDDEN","reason":"PRIVILEGE_ESCALATION","missing":["delete:repository"]}',
  },
  {
    builder: 'refusal, BAD_USER_INPUT',
    error: refusal('ALREADY_DECIDED', 'This request was denied already.', { argument: 'input.requestId' }),
    message: 'This request was denied already.',
    extensions: '{"code":"BAD_USER_INPUT","reason":"ALREADY_DECIDED","argument":"input.requestId"}',
  },
  {
    builder: 'queryLimitError, in validation',
    error: queryLimitError(operation, 'depth', 1, 2, 'nests fields 2 levels deep; the most allowed is 1'),
    message: 'Operation "Deep" nests fields 2 levels deep; the most allowed is 1.',
    extensions: '{"code":"QUERY_TOO_COMPLEX","limit":"depth","maximum":1,"actual":2}',
  },
  {
    builder: 'queryLimitError, from a plugin',
    error: queryLimitError({ ...operation, name: undefined }, 'cost', 10, 20, 'has an estimated cost of 20 field values', {
      http: { status: 400 },
    }),
    message: 'The operation has an estimated cost of 20 field values.',
    extensions: '{"code":"QUERY_TOO_COMPLEX","limit":"cost","maximum":10,"actual":20}',
    status: 400,
  },
];

describe('the error builders', () => {
  it.each(cases)('$builder: $extensions', ({ error, message, extensions, status, headers = {} }) => {
    expect(asSent(error)).toEqual({ message, extensions, status, headers });
  });

  it.each(cases)('$builder: a code of the catalog, and a status the catalog gives it', ({ error }) => {
    const entry = errorCatalog[error.extensions.code as ClientErrorCode];
    expect(entry).toBeDefined();
    const { status } = asSent(error);
    if (status !== undefined) expect(entry.status).toContain(status);
  });

  it('places a query limit on its operation', () => {
    const error = queryLimitError(operation, 'depth', 1, 2, 'is deep');
    expect(error.nodes?.map((node) => node.kind)).toEqual([Kind.OPERATION_DEFINITION]);
    expect(error.locations).toEqual([{ line: 1, column: 1 }]);
  });
});

describe('refusal', () => {
  it.each(Object.keys(refusalReasons) as RefusalReason[])('%s answers the code the catalog gives it', (reason) => {
    expect(refusal(reason, 'Refused.').extensions).toEqual({ code: refusalReasons[reason].code, reason });
  });

  it('is FORBIDDEN exactly for the reasons about who the viewer is', () => {
    const forbidden = Object.entries(refusalReasons).filter(([, { code }]) => code === 'FORBIDDEN');
    expect(forbidden.map(([reason]) => reason)).toEqual(['PRIVILEGE_ESCALATION', 'TARGET_HOLDS_MORE', 'OWN_ROLE', 'OWN_ACCESS']);
  });
});

describe('errors formatted for a response', () => {
  const formatted = {
    message: 'Unexpected.',
    locations: [{ line: 1, column: 3 }],
    path: ['viewer'],
    extensions: { code: 'INTERNAL_SERVER_ERROR', x: 1 },
  };

  it('refuse a request before GraphQL with one error', () => {
    expect(JSON.stringify(errorResponseBody('BATCH_TOO_LARGE', 'Too many.'))).toBe(
      '{"errors":[{"message":"Too many.","extensions":{"code":"BATCH_TOO_LARGE"}}]}',
    );
  });

  it('take another code, keeping the rest', () => {
    expect(JSON.stringify(recodedError(formatted, 'BAD_REQUEST'))).toBe(
      '{"message":"Unexpected.","locations":[{"line":1,"column":3}],"path":["viewer"],"extensions":{"code":"BAD_REQUEST","x":1}}',
    );
  });

  it('are said again with only the extensions given', () => {
    expect(restatedError(formatted, 'QUERY_TOO_COMPLEX', 'Too deep.', { limit: 'nesting' })).toEqual({
      message: 'Too deep.',
      locations: [{ line: 1, column: 3 }],
      path: ['viewer'],
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'nesting' },
    });
  });
});

describe('the catalog', () => {
  it('lists every code of the authorization core', () => {
    expect(Object.values(ErrorCode).filter((code) => !(code in errorCatalog))).toEqual([]);
  });

  it("lists every code of Apollo Server's a client can receive", () => {
    // Persisted queries are on (Apollo Server's default): PERSISTED_QUERY_NOT_SUPPORTED never answers.
    const unreachable: string[] = [ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED];
    expect(Object.values(ApolloServerErrorCode).filter((code) => !unreachable.includes(code) && !(code in errorCatalog))).toEqual([]);
  });

  const sentences = [...Object.entries(errorCatalog), ...Object.entries(refusalReasons)].map(([name, { description }]) => [
    name,
    description,
  ]);
  it.each(sentences)('says %s in one sentence', (_, description) => {
    expect(description).toMatch(/^\S.*\.$/s);
    expect(description).not.toMatch(/\n|\.\s+[A-Z]/);
  });
});
