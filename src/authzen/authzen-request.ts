/**
 * The request bodies of the AuthZEN Authorization API 1.0 (OpenID, final text), checked: what
 * each endpoint reads, in the specification's own names. A body missing something the
 * specification requires, or holding it with the wrong JSON type, is refused whole with
 * `AuthzenRequestError` (400); unknown members are ignored, as the specification requires.
 */

/** A subject, resource or action: what the specification calls an entity, with the members this PDP reads. */
export interface Subject {
  readonly type: string;
  readonly id: string;
}
/** A resource, as a PEP names it: `{ "type": "repository", "id": "<uuid>" }`. */
export interface Resource {
  readonly type: string;
  readonly id: string;
}
/** An action: `{ "name": "read_code" }`, a permission's name within the resource's type. */
export interface Action {
  readonly name: string;
}

/** One access evaluation: may this subject do this action on this resource? */
export interface Evaluation {
  readonly subject: Subject;
  readonly action: Action;
  readonly resource: Resource;
}

/** How a batch of evaluations is answered (the specification's `options.evaluations_semantic`). */
export type EvaluationsSemantic = 'execute_all' | 'deny_on_first_deny' | 'permit_on_first_permit';
const semantics: readonly EvaluationsSemantic[] = ['execute_all', 'deny_on_first_deny', 'permit_on_first_permit'];

/** A request to `/access/v1/evaluations`: a single evaluation (no or an empty `evaluations` array), or a batch with its semantic. */
export type EvaluationsRequest =
  | { readonly kind: 'single'; readonly evaluation: Evaluation }
  | { readonly kind: 'batch'; readonly evaluations: readonly Evaluation[]; readonly semantic: EvaluationsSemantic };

/** A search request's page: the token of the previous response's `next_token`, and how many results at most. */
export interface PageRequest {
  readonly token: string | undefined;
  readonly limit: number;
  /**
   * Whether the request said `page.limit`. Note: the specification's own paging example sends the
   * next page's token without the limit; such a request is read with the limit its token was given for.
   */
  readonly limitGiven: boolean;
}

/** The searches: who may (`subject`), on what (`resource`), and what (`action`). */
export type SearchRequest =
  | {
      readonly kind: 'subject';
      readonly subjectType: string;
      readonly action: Action;
      readonly resource: Resource;
      readonly page: PageRequest;
    }
  | {
      readonly kind: 'resource';
      readonly subject: Subject;
      readonly action: Action;
      readonly resourceType: string;
      readonly page: PageRequest;
    }
  | { readonly kind: 'action'; readonly subject: Subject; readonly resource: Resource; readonly page: PageRequest };

/** The limits a request is held to: named in the 400 that refuses a request over one. */
export interface AuthzenLimits {
  /** Most evaluations in one `/access/v1/evaluations` request. */
  readonly maxEvaluations: number;
  /** Most results in one page of a search (`page.limit`). */
  readonly maxPageSize: number;
  /** The page size of a search that asks none. */
  readonly defaultPageSize: number;
}

/** The limits the server holds AuthZEN requests to: a batch of 500 decisions costs a few statements; a page of 1000 ids one. */
export const authzenLimits: AuthzenLimits = { maxEvaluations: 500, maxPageSize: 1000, defaultPageSize: 100 };

/** A request the specification's shapes refuse: answered 400 with this message, nothing evaluated. */
export class AuthzenRequestError extends Error {
  override readonly name = 'AuthzenRequestError';
}

/** Longest type, id or action name read: longer ones are refused rather than carried into SQL and logs. */
const maxStringLength = 200;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function objectAt(value: unknown, where: string): Json {
  if (!isObject(value)) throw new AuthzenRequestError(`"${where}" must be a JSON object.`);
  return value;
}

function stringAt(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new AuthzenRequestError(`"${where}" must be a non-empty string.`);
  if (value.length > maxStringLength) throw new AuthzenRequestError(`"${where}" must be at most ${maxStringLength} characters.`);
  return value;
}

/** `properties` and `context`, where given, must be objects; this PDP decides without them (every fact it needs is in its database). */
function checkOptionalObject(value: unknown, where: string): void {
  if (value !== undefined && !isObject(value)) throw new AuthzenRequestError(`"${where}" must be a JSON object.`);
}

function typed(value: unknown, where: string, needsId: boolean): { type: string; id: string | undefined } {
  const entity = objectAt(value, where);
  checkOptionalObject(entity.properties, `${where}.properties`);
  const type = stringAt(entity.type, `${where}.type`);
  // Where the specification says the id "SHOULD be omitted, and if present, MUST be ignored", it is.
  const id = needsId ? stringAt(entity.id, `${where}.id`) : undefined;
  return { type, id };
}

function entityAt(value: unknown, where: string): Subject {
  const { type, id } = typed(value, where, true);
  return { type, id: id ?? '' };
}

function actionAt(value: unknown, where: string): Action {
  const action = objectAt(value, where);
  checkOptionalObject(action.properties, `${where}.properties`);
  return { name: stringAt(action.name, `${where}.name`) };
}

/** The body of `POST /access/v1/evaluation`. */
export function parseEvaluation(body: unknown): Evaluation {
  const request = objectAt(body, 'the request body');
  checkOptionalObject(request.context, 'context');
  return {
    subject: entityAt(request.subject, 'subject'),
    action: actionAt(request.action, 'action'),
    resource: entityAt(request.resource, 'resource'),
  };
}

/**
 * The body of `POST /access/v1/evaluations`: top-level `subject`, `action`, `resource` and
 * `context` are the defaults of every evaluation, which may override each; an evaluation left
 * without one of the three is refused, naming its index.
 */
export function parseEvaluations(body: unknown, limits: AuthzenLimits): EvaluationsRequest {
  const request = objectAt(body, 'the request body');
  checkOptionalObject(request.context, 'context');
  const { evaluations } = request;
  if (evaluations !== undefined && !Array.isArray(evaluations)) throw new AuthzenRequestError('"evaluations" must be an array.');
  if (evaluations === undefined || evaluations.length === 0) return { kind: 'single', evaluation: parseEvaluation(request) };
  if (evaluations.length > limits.maxEvaluations) {
    throw new AuthzenRequestError(`At most ${limits.maxEvaluations} evaluations per request; this one holds ${evaluations.length}.`);
  }
  const options = request.options === undefined ? {} : objectAt(request.options, 'options');
  const semantic = options.evaluations_semantic ?? 'execute_all';
  if (!semantics.includes(semantic as EvaluationsSemantic)) {
    throw new AuthzenRequestError(`"options.evaluations_semantic" must be one of ${semantics.join(', ')}.`);
  }
  return {
    kind: 'batch',
    semantic: semantic as EvaluationsSemantic,
    evaluations: evaluations.map((value: unknown, index) => {
      const evaluation = objectAt(value, `evaluations[${index}]`);
      checkOptionalObject(evaluation.context, `evaluations[${index}].context`);
      const member = (name: 'subject' | 'action' | 'resource') => {
        if (evaluation[name] !== undefined) return { value: evaluation[name], where: `evaluations[${index}].${name}` };
        if (request[name] !== undefined) return { value: request[name], where: name };
        throw new AuthzenRequestError(`evaluations[${index}] has no "${name}", and the request gives no default "${name}".`);
      };
      const subject = member('subject');
      const action = member('action');
      const resource = member('resource');
      return {
        subject: entityAt(subject.value, subject.where),
        action: actionAt(action.value, action.where),
        resource: entityAt(resource.value, resource.where),
      };
    }),
  };
}

function pageAt(value: unknown, limits: AuthzenLimits): PageRequest {
  if (value === undefined) return { token: undefined, limit: limits.defaultPageSize, limitGiven: false };
  const page = objectAt(value, 'page');
  checkOptionalObject(page.properties, 'page.properties');
  const { token, limit } = page;
  if (token !== undefined && typeof token !== 'string') throw new AuthzenRequestError('"page.token" must be a string.');
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0)) {
    throw new AuthzenRequestError('"page.limit" must be a non-negative integer.');
  }
  if (limit !== undefined && limit > limits.maxPageSize) {
    throw new AuthzenRequestError(`"page.limit" may be at most ${limits.maxPageSize}; this one is ${limit}.`);
  }
  return { token: token === '' ? undefined : token, limit: limit ?? limits.defaultPageSize, limitGiven: limit !== undefined };
}

/** The body of `POST /access/v1/search/{subject,resource,action}`. */
export function parseSearch(kind: SearchRequest['kind'], body: unknown, limits: AuthzenLimits): SearchRequest {
  const request = objectAt(body, 'the request body');
  checkOptionalObject(request.context, 'context');
  const page = pageAt(request.page, limits);
  switch (kind) {
    case 'subject':
      return {
        kind,
        subjectType: typed(request.subject, 'subject', false).type,
        action: actionAt(request.action, 'action'),
        resource: entityAt(request.resource, 'resource'),
        page,
      };
    case 'resource':
      return {
        kind,
        subject: entityAt(request.subject, 'subject'),
        action: actionAt(request.action, 'action'),
        resourceType: typed(request.resource, 'resource', false).type,
        page,
      };
    case 'action':
      return { kind, subject: entityAt(request.subject, 'subject'), resource: entityAt(request.resource, 'resource'), page };
  }
}
