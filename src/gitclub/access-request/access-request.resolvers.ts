import { randomUUID } from 'node:crypto';
import { notFoundError } from '@rolegate/authz';
import { transact, type UnitOfWork } from '../access-changes.js';
import { requireViewer, type RequestContext } from '../context.js';
import { refusal } from '../../errors/refusal.js';
import { grantPermission } from '../access-write/access-writes.js';
import { assertNotHeldAlready } from '../guards/already-held-guard.js';
import { assertPendingRequestRoom } from '../guards/pending-request-limit-guard.js';
import { requireGrantExpiry } from '../grant/grant-expiry.js';
import { requireTenantPermission, type TenantPermission } from '../grant/tenant-permission.js';
import { sqlFilter } from '../child-pages.js';
import { readableRepositoriesIn } from '../repository/readable-in-organization.js';
import { connection, newestFirstKey, newestFirstPosition, pageRequest, type PageArgs } from '../pagination.js';
import { isTenantResourceType, resourceTypes } from '../resources.js';
import { permissionCatalog, type Permission } from '../policy/policy.js';
import { badUserInputError } from '../../errors/graphql-errors.js';
import { requireText, requireUuid } from '../validation.js';
import { accessRequestRead, type AccessRequestRead } from './access-request-read.js';

/**
 * What a stored request asks for, checked against today's catalog: a permission the policy has
 * dropped since (or a type that no longer belongs to an organization) cannot be granted.
 */
const isPermission = (name: string): name is Permission => permissionCatalog.has(name);

function requestedPermission(request: AccessRequestRead): TenantPermission {
  const { permission, resourceType } = request;
  if (!isPermission(permission) || permissionCatalog.resourceTypeOf(permission) !== resourceType || !isTenantResourceType(resourceType)) {
    throw badUserInputError(`"${permission}" is no longer a permission of the policy; deny this request.`, { argument: 'input.requestId' });
  }
  return { permission, resourceType, resourceId: request.resourceId, organizationId: request.organizationId };
}

type StatusArgument = 'PENDING' | 'APPROVED' | 'DENIED' | null | undefined;

/** One page of requests hanging from a parent (an organization, a requester), newest first. */
async function requestPage(
  context: RequestContext,
  parent: 'organization' | 'requester',
  parentId: string,
  args: PageArgs & { status?: StatusArgument },
) {
  const page = pageRequest(args);
  // A malformed cursor is refused before any query.
  if (page.after !== undefined) newestFirstPosition(page.after);
  const status = args.status ? args.status.toLowerCase() : '';
  // An organization's list shows requests on what the viewer can see there: those on its
  // repositories (and their issues) follow the repository read rules, like its list of repositories.
  const filter = JSON.stringify(
    parent === 'organization' ? [status, sqlFilter(await readableRepositoriesIn(context, parentId))] : [status, null],
  );
  const { loaders } = context;
  const [pages, counts] =
    parent === 'organization'
      ? [loaders.organizationAccessRequestPages, loaders.organizationAccessRequestCount]
      : [loaders.requesterAccessRequestPages, loaders.requesterAccessRequestCount];
  const rows = await pages.load({ parentId, filter, after: page.after, limit: page.limit + 1 });
  return connection(rows, page, newestFirstKey, () => counts.load({ parentId, filter }));
}

/** A request by id, read as a plain row; undefined when there is none. */
async function findRequest(context: RequestContext, id: string): Promise<AccessRequestRead | undefined> {
  const [row] = await context.em.execute<Record<string, unknown>[]>('select * from access_requests where id = ?', [id]);
  return row ? accessRequestRead(row) : undefined;
}

/**
 * A pending request the viewer may decide: NOT_FOUND unless they manage members in its
 * organization and can see what it asks about (to anyone else a request, its resource's name and
 * its reason are as missing as a random id), ALREADY_DECIDED once it is.
 */
async function decidableRequest(context: RequestContext, requestId: string): Promise<AccessRequestRead> {
  const { authorizer } = requireViewer(context);
  const request = await findRequest(context, requestId);
  if (!request || !(await authorizer.can('manage_members:organization', 'organization', request.organizationId))) throw notFoundError();
  const { resourceType, resourceId } = request;
  if (!isTenantResourceType(resourceType) || !(await authorizer.can(resourceTypes[resourceType].visibility, resourceType, resourceId)))
    throw notFoundError();
  if (request.status !== 'pending') throw alreadyDecided(request.status);
  return request;
}

function alreadyDecided(status: string) {
  return refusal('ALREADY_DECIDED', `This request was ${status === 'pending' ? 'decided at the same moment' : status} already.`, {
    argument: 'input.requestId',
  });
}

/** Marks a pending request decided, inside the unit of work; ALREADY_DECIDED when another decision got there first. */
async function decide(
  tx: RequestContext['em'],
  requestId: string,
  decision: { status: 'approved' | 'denied'; decidedBy: string; reason?: string; grantId?: string },
): Promise<void> {
  const updated = await tx.execute<{ id: string }[]>(
    `update access_requests set status = ?, decided_by_id = ?, decided_at = now(), decision_reason = ?, grant_id = ?
     where id = ? and status = 'pending' returning id`,
    [decision.status, decision.decidedBy, decision.reason ?? null, decision.grantId ?? null, requestId],
  );
  if (updated.length === 0) throw alreadyDecided('pending');
}

/** The payload of the three mutations: the request as it is now, and the grant an approval made. */
async function payload(context: RequestContext, requestId: string) {
  const accessRequest = await findRequest(context, requestId);
  if (!accessRequest) throw notFoundError();
  return { accessRequest, grant: accessRequest.grantId ? await context.loaders.activeGrant.load(accessRequest.grantId) : null };
}

/**
 * Access requests: anyone asks for a permission on a resource they can see, with a reason; those
 * who manage members in its organization approve it (a direct grant, under every grant rule) or
 * deny it. Asking, approving and denying are audited in the organization's log.
 */
export const accessRequestResolvers = {
  AccessRequest: {
    requester: (request: AccessRequestRead, _args: unknown, context: RequestContext) => context.loaders.user.load(request.requesterId),
    decidedBy: (request: AccessRequestRead, _args: unknown, context: RequestContext) =>
      request.decidedById ? context.loaders.user.load(request.decidedById) : null,
    grant: (request: AccessRequestRead, _args: unknown, context: RequestContext) =>
      request.grantId ? context.loaders.activeGrant.load(request.grantId) : null,
    resourceType: (request: AccessRequestRead) => request.resourceType.toUpperCase(),
    status: (request: AccessRequestRead) => request.status.toUpperCase(),
    createdAt: (request: AccessRequestRead) => request.createdAt.toISOString(),
    decidedAt: (request: AccessRequestRead) => request.decidedAt?.toISOString() ?? null,
  },
  Organization: {
    accessRequests: (organization: { id: string }, args: PageArgs & { status?: StatusArgument }, context: RequestContext) =>
      requestPage(context, 'organization', organization.id, args),
  },
  User: {
    accessRequests: (user: { id: string }, args: PageArgs & { status?: StatusArgument }, context: RequestContext) =>
      user.id === context.viewer?.id
        ? requestPage(context, 'requester', user.id, args)
        : connection(
            [],
            pageRequest(args),
            () => '',
            async () => 0,
          ),
  },
  Mutation: {
    requestAccess: async (
      _: unknown,
      { input }: { input: { permission: string; resourceId: string; reason: string } },
      context: RequestContext,
    ) => {
      const { viewer, authorizer } = requireViewer(context);
      const reason = requireText(input.reason, 'input.reason', 500, 3);
      // Unknown permissions first, then visibility: a resource the viewer cannot see answers NOT_FOUND, as a missing one.
      const target = await requireTenantPermission(
        context.em,
        authorizer,
        { permission: input.permission, resourceId: requireUuid(input.resourceId, 'input.resourceId') },
        'input.',
      );
      await assertNotHeldAlready(authorizer, target);
      const id = randomUUID();
      await transact(
        context,
        async ({ tx, audit }) => {
          await assertPendingRequestRoom(tx, viewer.id, target.organizationId);
          await tx.execute(
            `insert into access_requests (id, requester_id, permission, resource_type, resource_id, resource_name, organization_id, reason, status, created_at)
             values (?, ?, ?, ?, ?, ?, ?, ?, 'pending', now())`,
            [id, viewer.id, target.permission, target.resourceType, target.resourceId, target.resourceName, target.organizationId, reason],
          );
          audit({
            organizationId: target.organizationId,
            action: 'access_request.created',
            targetUserId: viewer.id,
            resourceType: target.resourceType,
            resourceId: target.resourceId,
            after: { accessRequest: id, permission: target.permission, reason },
          });
        },
        { contentOnly: true, alreadyExists: `You asked for "${target.permission}" here already; the request is waiting for an answer.` },
      );
      return payload(context, id);
    },

    approveAccessRequest: async (_: unknown, { input }: { input: { requestId: string; expiresAt: string } }, context: RequestContext) => {
      const { viewer } = requireViewer(context);
      const requestId = requireUuid(input.requestId, 'input.requestId');
      const expiresAt = requireGrantExpiry(input.expiresAt, context.grantMaxDays, 'input.expiresAt');
      const request = await decidableRequest(context, requestId);
      const grantId = randomUUID();
      const approved = async (unit: UnitOfWork) => {
        await decide(unit.tx, request.id, { status: 'approved', decidedBy: viewer.id, grantId });
        unit.audit({
          organizationId: request.organizationId,
          action: 'access_request.approved',
          targetUserId: request.requesterId,
          resourceType: request.resourceType,
          resourceId: request.resourceId,
          before: { status: 'pending' },
          after: { accessRequest: request.id, permission: request.permission, grant: grantId, expiresAt: expiresAt.toISOString() },
        });
      };
      await grantPermission(
        context,
        {
          ...requestedPermission(request),
          id: grantId,
          userId: request.requesterId,
          reason: request.reason,
          expiresAt,
          grantedBy: viewer.id,
          accessRequestId: request.id,
        },
        { then: approved },
      );
      return payload(context, request.id);
    },

    denyAccessRequest: async (_: unknown, { input }: { input: { requestId: string; reason: string } }, context: RequestContext) => {
      const { viewer } = requireViewer(context);
      const requestId = requireUuid(input.requestId, 'input.requestId');
      const reason = requireText(input.reason, 'input.reason', 500, 3);
      const request = await decidableRequest(context, requestId);
      await transact(
        context,
        async ({ tx, audit }) => {
          await decide(tx, request.id, { status: 'denied', decidedBy: viewer.id, reason });
          audit({
            organizationId: request.organizationId,
            action: 'access_request.denied',
            targetUserId: request.requesterId,
            resourceType: request.resourceType,
            resourceId: request.resourceId,
            before: { status: 'pending' },
            after: { accessRequest: request.id, permission: request.permission, reason },
          });
        },
        { contentOnly: true },
      );
      return payload(context, request.id);
    },
  },
};
