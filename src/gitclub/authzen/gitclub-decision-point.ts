import type { Decision } from '@rolegate/authz';
import DataLoader from 'dataloader';
import type { GraphQLError } from 'graphql';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { Action, Evaluation, Resource, SearchRequest, Subject } from '../../authzen/authzen-request.js';
import {
  AuthzenRefusal,
  type AuthzenDecision,
  type OpenDecisionPoint,
  type RequestDecisionPoint,
  type SearchPage,
  type SearchResults,
} from '../../authzen/decision-point.js';
import { findPdpClient, pdpSecretPrefix } from '../../authzen/pdp-clients.js';
import { sqlArray } from '../../db/sql-array.js';
import { DatabaseUnavailableError } from '../../errors/database-unavailable.js';
import { heldResourceTypes, type HeldResourceType } from '../access-holders/held-resource-types.js';
import type { GitClubAuthorizer } from '../access/gitclub-authorizer.js';
import { createRequestContext, type RequestContext, type RequestContextServices } from '../context.js';
import { permissionCatalog, type Permission, type ResourceType } from '../policy/policy.js';
import { isUuid } from '../validation.js';
import { resourcesWithPermission, usersWithPermission } from './authzen-searches.js';

/** Who asks: a program with a PDP client credential (about anyone), or a signed-in user (about themself only). */
type Caller = { readonly kind: 'client'; readonly name: string } | { readonly kind: 'user'; readonly viewer: AuthenticatedViewer };

/** The one answer to every credential that is missing or wrong: which part was wrong is not said. */
const unauthorized = () =>
  new AuthzenRefusal(401, 'Unauthorized: send "Authorization: Bearer" with a PDP client secret or your access token.');

const notFoundText = {
  client: 'The {type} does not exist, or the user may not see it.',
  user: 'Not found: it does not exist, or you may not see it.',
};

const isPolicyType = (type: string): type is ResourceType => permissionCatalog.permissions.some((entry) => entry.resourceType === type);
const isHeldType = (type: string): type is HeldResourceType => (heldResourceTypes as readonly string[]).includes(type);
const actionsOn = (type: ResourceType) =>
  permissionCatalog.permissions.filter((entry) => entry.resourceType === type).map((entry) => entry.name.slice(0, -type.length - 1));

/** The permission an action names on a type, or why there is none (every type, or only those a search can list). */
function permissionOf(action: Action, type: string, searchable: boolean): { permission: Permission } | { problem: string } {
  if (!isPolicyType(type) || (searchable && !isHeldType(type))) {
    const types = searchable ? heldResourceTypes : [...new Set(permissionCatalog.permissions.map((entry) => entry.resourceType))];
    return { problem: `"${type}" is not a resource type ${searchable ? 'a search can list' : 'of the policy'}: ${types.join(', ')}.` };
  }
  const permission = `${action.name}:${type}`;
  if (!permissionCatalog.has(permission))
    return { problem: `"${action.name}" is not an action on a ${type}: ${actionsOn(type).join(', ')}.` };
  return { permission };
}

/** A search that cannot list anything (a type or action the policy does not know): no results, and why in its context. */
function unanswerable(problem: string): SearchPage<never> {
  return { results: [], nextAfter: undefined, context: { error: { status: 400, message: problem } } };
}

const none: SearchPage<never> = { results: [], nextAfter: undefined };

/**
 * The AuthZEN decision point over GitClub's policy: every decision is the one the GraphQL checks
 * make (the same authorizer, access sources and, in shadow mode, the same arbiter), for any user
 * when a PDP client asks and for the caller themself when a signed-in user asks. Subjects are
 * users by id; resources are the policy's types by id; an action is a permission's name within the
 * resource's type (`read_code` on a repository is `read_code:repository`). A suspended user is
 * refused everything, as they can do nothing through the API.
 */
export function gitClubDecisionPoint(services: RequestContextServices): OpenDecisionPoint {
  return async ({ requestId, authorization, clientIp }) => {
    const bearer = /^Bearer (\S+)$/.exec(authorization?.trim() ?? '')?.[1];
    if (!bearer) throw unauthorized();
    if (bearer.startsWith(pdpSecretPrefix)) {
      const client = await findPdpClient(services.db.em.fork(), bearer);
      if (!client) throw unauthorized();
      const context = await createRequestContext(services, { requestId, authorization: undefined, clientIp });
      return new GitClubRequestDecisionPoint(context, { kind: 'client', name: client.name });
    }
    let context: RequestContext;
    try {
      context = await createRequestContext(services, { requestId, authorization, clientIp });
    } catch (error) {
      // The database or the session store gone: 503, as for GraphQL; anything else about the token: 401.
      if (error instanceof DatabaseUnavailableError || (error as GraphQLError).extensions?.code === 'SERVICE_UNAVAILABLE') throw error;
      throw unauthorized();
    }
    if (!context.viewer) throw unauthorized();
    return new GitClubRequestDecisionPoint(context, { kind: 'user', viewer: context.viewer });
  };
}

interface SubjectRow {
  readonly id: string;
  readonly suspended: boolean;
}

class GitClubRequestDecisionPoint implements RequestDecisionPoint {
  readonly caller: string;
  readonly #context: RequestContext;
  readonly #who: Caller;
  readonly #authorizers = new Map<string, GitClubAuthorizer>();
  /** The subjects of the request's evaluations: one statement for all of them. */
  readonly #subjects: DataLoader<string, SubjectRow | null>;

  constructor(context: RequestContext, caller: Caller) {
    this.#context = context;
    this.#who = caller;
    this.caller = caller.kind === 'client' ? `pdp-client:${caller.name}` : caller.viewer.id;
    this.#subjects = new DataLoader(async (ids) => {
      const rows = await context.em.execute<{ id: string; suspended: boolean }[]>(
        'select id, suspended_at is not null as suspended from users where id = any(?::uuid[])',
        [sqlArray(ids)],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  async evaluate(evaluations: readonly Evaluation[]): Promise<readonly AuthzenDecision[]> {
    for (const { subject } of evaluations) this.#refuseOthers(subject);
    return Promise.all(evaluations.map((evaluation) => this.#evaluateOne(evaluation)));
  }

  async search<K extends SearchRequest['kind']>(
    request: Extract<SearchRequest, { kind: K }>,
    after: string | undefined,
  ): Promise<SearchPage<SearchResults[K]>> {
    const page = await this.#search(request as SearchRequest, after);
    return page as SearchPage<SearchResults[K]>;
  }

  async #search(request: SearchRequest, after: string | undefined): Promise<SearchPage<Subject | Resource | Action>> {
    const { limit } = request.page;
    const { em } = this.#context;
    switch (request.kind) {
      case 'subject': {
        if (this.#who.kind === 'user')
          throw new AuthzenRefusal(403, 'A signed-in user may ask only about themself: subject search lists other users.');
        if (request.subjectType !== 'user')
          return unanswerable(`Subjects are users: "subject.type" must be "user"; got "${request.subjectType}".`);
        const wanted = permissionOf(request.action, request.resource.type, true);
        if ('problem' in wanted) return unanswerable(wanted.problem);
        if (!isUuid(request.resource.id)) return none;
        const type = request.resource.type as HeldResourceType;
        const page = await usersWithPermission(em, { type, id: request.resource.id }, wanted.permission, after, limit);
        return { results: page.ids.map((id) => ({ type: 'user', id })), nextAfter: page.nextAfter };
      }
      case 'resource': {
        const subject = await this.#subjectOrNone(request.subject);
        const wanted = permissionOf(request.action, request.resourceType, true);
        if ('problem' in wanted) return unanswerable(wanted.problem);
        if (!subject) return none;
        const type = request.resourceType as HeldResourceType;
        const page = await resourcesWithPermission(em, subject.id, type, wanted.permission, after, limit);
        return { results: page.ids.map((id) => ({ type, id })), nextAfter: page.nextAfter };
      }
      case 'action': {
        const { type, id } = request.resource;
        const subject = await this.#subjectOrNone(request.subject);
        if (!isPolicyType(type)) return unanswerable(`"${type}" is not a resource type of the policy.`);
        if (!subject || !isUuid(id)) return none;
        // Every action of the type decided at once: one load of the subject's access on the resource.
        const actions = actionsOn(type as ResourceType).sort();
        const decisions = await Promise.all(
          actions.map((action) => this.#decide(subject.id, `${action}:${type}` as Permission, type as ResourceType, id)),
        );
        const allowed = actions.filter((action, index) => decisions[index]?.outcome === 'allow' && (after === undefined || action > after));
        const page = allowed.slice(0, limit);
        return { results: page.map((name) => ({ name })), nextAfter: allowed.length > limit ? page.at(-1) : undefined };
      }
    }
  }

  /** A signed-in user asks about themself only: anything else refuses the whole request. */
  #refuseOthers(subject: Subject): void {
    if (this.#who.kind === 'user' && !(subject.type === 'user' && subject.id === this.#who.viewer.id)) {
      throw new AuthzenRefusal(
        403,
        'A signed-in user may ask only about themself: every subject must be {"type": "user", "id": "<your id>"}.',
      );
    }
  }

  /** The subject of a search, or undefined when nothing can be allowed to them (unknown, suspended, not a user). */
  async #subjectOrNone(subject: Subject): Promise<SubjectRow | undefined> {
    this.#refuseOthers(subject);
    if (subject.type !== 'user') return undefined;
    const row = isUuid(subject.id) ? await this.#subjects.load(subject.id) : null;
    return row && !row.suspended ? row : undefined;
  }

  async #evaluateOne({ subject, action, resource }: Evaluation): Promise<AuthzenDecision> {
    if (subject.type !== 'user')
      return failed(400, `Subjects are users ({"type": "user", "id": "<user id>"}); got type "${subject.type}".`);
    const wanted = permissionOf(action, resource.type, false);
    if ('problem' in wanted) return failed(400, wanted.problem);
    const { permission } = wanted;
    const resourceType = resource.type as ResourceType;
    const row = isUuid(subject.id) ? await this.#subjects.load(subject.id) : null;
    if (!row) return this.#denied(404, 'No user has this id.');
    if (row.suspended) return this.#denied(403, 'The user is suspended: they may do nothing until reactivated.');
    if (!isUuid(resource.id)) return this.#denied(404, this.#notFound(resource.type));
    const decision = await this.#decide(row.id, permission, resourceType, resource.id);
    if (decision.outcome === 'allow') return { decision: true };
    if (decision.outcome === 'not_found') return this.#denied(404, this.#notFound(resource.type));
    return this.#denied(
      403,
      this.#who.kind === 'client'
        ? `The user sees this ${resource.type}, but none of the roles or grants they hold there includes "${permission}".`
        : `You see this ${resource.type}, but none of your roles or grants there includes "${permission}".`,
    );
  }

  /** The decision a GraphQL check makes for this subject (the arbiter's, in shadow mode). */
  #decide(subjectId: string, permission: Permission, resourceType: ResourceType, resourceId: string): Promise<Decision> | Decision {
    return this.#authorizerOf(subjectId).decideAt(
      { permission, resourceType, resourceId },
      { coordinate: `authzen:${permission}`, operationName: undefined },
    );
  }

  /** The caller's own authorizer (their token's roles, as GraphQL decides for them), or one per subject with roles from the database. */
  #authorizerOf(subjectId: string): GitClubAuthorizer {
    const context = this.#context;
    if (this.#who.kind === 'user' && context.authorizer) return context.authorizer;
    let authorizer = this.#authorizers.get(subjectId);
    if (!authorizer) {
      authorizer = context.authorizerFor({ id: subjectId, organizationRoles: new Map(), mayHoldGrants: true });
      this.#authorizers.set(subjectId, authorizer);
    }
    return authorizer;
  }

  #notFound(type: string): string {
    return this.#who.kind === 'client' ? notFoundText.client.replace('{type}', type) : notFoundText.user;
  }

  /**
   * A denial with its reason in the specification's words: `reason_admin` for a PDP client (a
   * trusted program), `reason_user` for a user asking about themself, keyed by the HTTP status the
   * reason corresponds to. A hidden resource and a missing one read the same.
   */
  #denied(status: 403 | 404, message: string): AuthzenDecision {
    return { decision: false, context: { [this.#who.kind === 'client' ? 'reason_admin' : 'reason_user']: { [status]: message } } };
  }
}

/** An evaluation that could not be made (a malformed part of it): closed, with the error in its context. */
function failed(status: 400, message: string): AuthzenDecision {
  return { decision: false, context: { error: { status, message } } };
}
