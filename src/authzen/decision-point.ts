import type { Action, Evaluation, Resource, SearchRequest, Subject } from './authzen-request.js';

/** One decision as the specification shapes it: `decision`, and a `context` saying why it is false. */
export interface AuthzenDecision {
  readonly decision: boolean;
  readonly context?: Readonly<Record<string, unknown>>;
}

/** One page of a search: its results, and the sort key of the last one when more follow. */
export interface SearchPage<T> {
  readonly results: readonly T[];
  /** Where the next page starts; undefined on the last page. */
  readonly nextAfter: string | undefined;
  /** Why the search lists nothing when it could not be made (the specification's search `context`). */
  readonly context?: Readonly<Record<string, unknown>>;
}

/** The answers of a search endpoint, by its kind. */
export interface SearchResults {
  readonly subject: Subject;
  readonly resource: Resource;
  readonly action: Action;
}

/**
 * A decision point for one request, its caller already authenticated: what the AuthZEN endpoints
 * ask of an application. Evaluations of one request are answered together, so an application can
 * batch what they load. A caller asking what they may not ask is refused with `AuthzenRefusal`.
 */
export interface RequestDecisionPoint {
  evaluate(evaluations: readonly Evaluation[]): Promise<readonly AuthzenDecision[]>;
  /** One page of a search; `after` is where it starts (undefined for the first page). */
  search<K extends SearchRequest['kind']>(
    request: Extract<SearchRequest, { kind: K }>,
    after: string | undefined,
  ): Promise<SearchPage<SearchResults[K]>>;
  /** Who asked, for the request's log line: a user's id, or `pdp-client:<name>`. */
  readonly caller: string;
}

/** What the transport knows of a request to the decision point. */
export interface DecisionPointRequest {
  readonly requestId: string;
  /** The `Authorization` header, if any. */
  readonly authorization: string | undefined;
  readonly clientIp: string | undefined;
}

/** Authenticates a request's caller and opens its decision point; rejects with `AuthzenRefusal` (401) for a caller it cannot tell. */
export type OpenDecisionPoint = (request: DecisionPointRequest) => Promise<RequestDecisionPoint>;

/** A request refused as a whole for who sent it: 401 (no or wrong credentials, one answer for every case) or 403. */
export class AuthzenRefusal extends Error {
  override readonly name = 'AuthzenRefusal';

  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}
