import { ErrorCode } from '@rolegate/authz';

/** What a client is told about one `extensions.code`. */
export interface ErrorCodeEntry {
  /** The HTTP statuses a response carrying it can have, the most common first. */
  readonly status: readonly [number, ...number[]];
  /** When a client receives it, and what comes with it, in one sentence. */
  readonly description: string;
}

/**
 * Every `extensions.code` a client of this server can receive, whoever builds the error: the app
 * (src/errors/), the authorization core (`ErrorCode` of @rolegate/authz) or Apollo Server. The
 * client docs' error table is rendered from it (`npm run docs:errors`), and a code missing here
 * fails the typecheck wherever the app builds an error with it.
 */
export const errorCatalog = {
  [ErrorCode.unauthenticated]: {
    status: [401, 200],
    description:
      'No identity where one is needed, a wrong login, a bad refresh token: 401 (`WWW-Authenticate: Bearer`) when the request is anonymous and every root field failed this way, else 200; an invalid, expired, revoked or ended token: 401 for the whole request (`WWW-Authenticate: Bearer error="invalid_token"`); `GET /metrics` without its `METRICS_TOKEN`: 401; the AuthZEN API (`/access/v1/...`) without a PDP client secret or access token that works: 401 (`WWW-Authenticate: Bearer`), one message whatever was wrong.',
  },
  SERVICE_UNAVAILABLE: {
    status: [503, 200],
    description:
      'The database cannot be reached (503, `Retry-After: 1`): `retryable: true` when nothing was changed (a read that failed on three connections, a change cut off before COMMIT, no connection within the acquire timeout), `retryable: false` and `outcome: "unknown"` when the connection died during COMMIT (read the change back, or send it again with its `Idempotency-Key`, which tells); or the session store (Redis) cannot be reached: a token cannot be checked (503, `Retry-After: 5`); a resolver cannot write to it (200, the field fails): `login`, or a change to access that committed but could not be published (it holds; cached versions expire within `REDIS_VERSION_TTL_SECONDS`).',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: [422],
    description:
      'An `Idempotency-Key` sent again by the same viewer within 24 hours with another document, operation name or variables than the request it was first sent with; nothing runs.',
  },
  IDEMPOTENCY_KEY_IN_USE: {
    status: [409, 200],
    description:
      'The first request with this `Idempotency-Key` still runs after 5 s of waiting for it (409, `Retry-After: 1`); or an attempt outlived its 60 s lease and another took its key over (200, the field fails, its change rolled back).',
  },
  ALREADY_APPLIED: {
    status: [200],
    description:
      'A request with this `Idempotency-Key` changed something once already, but its answer was never stored (its server stopped first, or the database went away before it could be read back): it was not applied again (`outcome: "applied"`); read the result back.',
  },
  [ErrorCode.notFound]: {
    status: [200, 404],
    description:
      'The resource does not exist or the viewer cannot see it: one answer, byte for byte (`Not found: it does not exist, or you may not see it.`, no other extension), whatever was looked up, by id or by name; it names no type or id the client did not send; a missing file under `/explorer/assets/` answers 404.',
  },
  [ErrorCode.forbidden]: {
    status: [200, 403],
    description:
      'The viewer sees the resource but lacks the permission: `permission`, `resourceType`, `resourceId` (and `explanation` with `AUTHZ_DEBUG`); or a guard refused a change: `reason` (below), with `missing` for `PRIVILEGE_ESCALATION` and `TARGET_HOLDS_MORE`; 403 from the AuthZEN API when a signed-in user asks about another subject, or searches for subjects (a PDP client may), and for a WebSocket upgrade whose `Origin` is neither the origin of the API itself nor one listed in `CORS_ORIGINS`.',
  },
  RATE_LIMITED: {
    status: [429],
    description:
      'Too many failed logins for an email from one IP, or too many sign-in attempts from one IP: `retryAfterSeconds` and `Retry-After`; refused before any password is hashed, nothing written.',
  },
  BAD_USER_INPUT: {
    status: [200, 400],
    description:
      '200: malformed ids, unknown role or permission names, page sizes over 100, forged cursors, instants that are not ISO 8601 with a zone or fall outside 1970 to 9999, or a `reason` (below): a string over its maximum or holding characters that cannot be stored (see "Input limits"), something that already exists, a guard; 400: variables that cannot be coerced to their types.',
  },
  QUERY_TOO_COMPLEX: {
    status: [400],
    description:
      'An operation over a query limit, nothing runs; `limit`, `maximum`, `actual` say which and by how much; or a document over `QUERY_MAX_TOKENS`, `QUERY_MAX_NESTING` or 1000 fragments (message only).',
  },
  GRAPHQL_PARSE_FAILED: { status: [400], description: 'The query does not parse.' },
  SUBSCRIPTION_LIMIT: {
    status: [200, 429],
    description:
      'A subscribe message over WebSocket refused, nothing started: `limit` says which (`perConnection`: `WS_MAX_SUBSCRIPTIONS_PER_CONNECTION`, `perUser`: `WS_MAX_SUBSCRIPTIONS_PER_USER`, `subscribeRate`: `WS_MAX_SUBSCRIBES_PER_MINUTE`) and `maximum` its value; the connection stays open (WebSocket carries no HTTP status: 200 stands for that). 429: a WebSocket upgrade refused because its client address holds `WS_MAX_CONNECTIONS_PER_IP` open connections already (`limit: connectionsPerIp`).',
  },
  GRAPHQL_VALIDATION_FAILED: {
    status: [400],
    description:
      'The query is not valid for the schema, or is introspection while it is off (`validationErrorCode: INTROSPECTION_DISABLED`).',
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: [400],
    description: '`operationName` names no operation of the document, or the document holds several and none is named.',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: [200],
    description:
      "An automatic persisted query (Apollo Server's default) whose hash this instance has not seen: the client sends it again with the query.",
  },
  BATCH_TOO_LARGE: { status: [400], description: 'A batched request holding more than `QUERY_MAX_BATCH` operations.' },
  REQUEST_TOO_LARGE: { status: [413], description: 'A body over `HTTP_BODY_LIMIT`.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: [415],
    description:
      'A JSON body in a charset or content encoding the server does not read; an AuthZEN request not sent as `application/json`.',
  },
  BAD_REQUEST: {
    status: [400, 405],
    description:
      'Not a GraphQL request: body not JSON, no `query`, a document defining a subscription (subscriptions run over WebSocket only), a batch while batching is off, a request with cookies that could be CSRF, a persisted query whose `sha256Hash` does not match its `query` or an unsupported persisted-query version, an `Idempotency-Key` that is not 1 to 255 visible ASCII characters or comes with a batch; a mutation over GET (405); an AuthZEN request whose body is not JSON, lacks a member the specification requires or holds one of the wrong type, is over a limit (500 evaluations, pages of 1000) or sends a page token of another search (400, `{"error": {"status", "code", "message"}}` naming what is wrong).',
  },
  INTERNAL_SERVER_ERROR: {
    status: [200, 500],
    description:
      'An unexpected failure: the message is only "Internal server error." (details go to the server log, never a stack trace); 500 when it happens before GraphQL runs.',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

/** A code a client can receive in `extensions.code`: a typo in a literal fails the typecheck. */
export type ClientErrorCode = keyof typeof errorCatalog;

/** What a client is told about one `extensions.reason`. */
export interface RefusalReasonEntry {
  /** The `extensions.code` that comes with it. */
  readonly code: ClientErrorCode;
  /** What was refused, and what comes with it, in one sentence. */
  readonly description: string;
}

/**
 * Every `extensions.reason` a client can receive: why a rule refused a change or an input the
 * client can correct, each with the code it implies (FORBIDDEN when it is about who the viewer
 * is, BAD_USER_INPUT when it is about the input). `refusal(reason, ...)` reads the code here.
 */
export const refusalReasons = {
  PRIVILEGE_ESCALATION: {
    code: 'FORBIDDEN',
    description:
      'Giving a permission one does not hold oneself, by role, custom role, default repository role or grant (approving an access request included); `missing` lists it.',
  },
  TARGET_HOLDS_MORE: {
    code: 'FORBIDDEN',
    description:
      'Changing or removing the role of someone who holds more than oneself, or editing or deleting a custom role that gives more; `missing` lists what one lacks.',
  },
  OWN_ROLE: {
    code: 'FORBIDDEN',
    description:
      "Giving, changing or removing one's own role or grant, adding permissions to a custom role one holds, or approving one's own access request.",
  },
  LAST_ADMIN: {
    code: 'BAD_USER_INPUT',
    description: "Removing or demoting an organization's last admin, also when two admins demote each other at the same moment.",
  },
  CUSTOM_ROLE_LIMIT: { code: 'BAD_USER_INPUT', description: 'Creating a custom role past the 20 an organization may define.' },
  ROLE_IN_USE: {
    code: 'BAD_USER_INPUT',
    description: 'Deleting a custom role someone still holds, without `reassignTo` naming a role for its holders.',
  },
  ALREADY_EXISTS: {
    code: 'BAD_USER_INPUT',
    description:
      'Creating what exists already (a login, an email, a name, a membership, a role assignment, a pending access request), also when two identical creations race.',
  },
  ALREADY_HELD: {
    code: 'BAD_USER_INPUT',
    description: 'Requesting access one holds already, or approving a request whose requester has been given that access since.',
  },
  PENDING_REQUEST_LIMIT: {
    code: 'BAD_USER_INPUT',
    description: 'Requesting access while holding 20 pending requests in that organization, the most one user may have there.',
  },
  ALREADY_DECIDED: {
    code: 'BAD_USER_INPUT',
    description:
      'Approving or denying an access request someone approved or denied already, or deciding an access review item decided already (decisions are final), also when two decisions race.',
  },
  OWN_ACCESS: {
    code: 'FORBIDDEN',
    description: "Deciding an access review item about one's own access: someone else reviews it, or it follows the review's default.",
  },
  REVIEW_CLOSED: {
    code: 'BAD_USER_INPUT',
    description: "Deciding an item of an access review past its due date: undecided items follow the review's `whenUndecided`.",
  },
  OPEN_REVIEW_LIMIT: {
    code: 'BAD_USER_INPUT',
    description: 'Starting an access review while 5 are open in the organization, the most it may have at once.',
  },
  REQUESTER_NOT_MEMBER: {
    code: 'BAD_USER_INPUT',
    description: 'Approving an access request whose requester has left the organization or can no longer see the resource.',
  },
  REQUESTER_SUSPENDED: { code: 'BAD_USER_INPUT', description: 'Approving an access request whose requester is suspended.' },
  TOO_LONG: {
    code: 'BAD_USER_INPUT',
    description: 'A string argument or input field longer than its maximum (see "Input limits"): `argument` and `maxLength`.',
  },
  UNSUPPORTED_CHARACTERS: {
    code: 'BAD_USER_INPUT',
    description: 'A string argument or input field holding NUL or a lone surrogate, which cannot be stored: `argument`.',
  },
} as const satisfies Record<string, RefusalReasonEntry>;

/** Why a rule refused: a typo in a literal fails the typecheck. */
export type RefusalReason = keyof typeof refusalReasons;
