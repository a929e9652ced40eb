import { notFoundError } from '@rolegate/authz';
import { organizationRead, type OrganizationRead, type RepositoryRead } from '../read-models.js';
import { requireViewer, type RequestContext } from '../context.js';
import { sqlFilter } from '../child-pages.js';
import { connection, pageRequest, type PageArgs } from '../pagination.js';
import { readableRepositoriesIn } from '../repository/readable-in-organization.js';
import { viewerFieldsOf } from '../viewer-fields.js';
import { primeRepositoryAccess } from '../access/repository-access.js';
import { loadAuditLog, type AuditLogFilter } from '../audit/audit-log.js';
import { loadMembersPage } from './members.js';

const viewerFields = viewerFieldsOf('organization');

/** Resolvers for organizations and their lists. */
export const organizationResolvers = {
  Query: {
    organization: async (_: unknown, args: { login: string }, context: RequestContext) => {
      const [row] = await context.em.execute<Record<string, unknown>[]>('select * from organizations where login = ?', [args.login]);
      if (!row) throw notFoundError();
      const organization = organizationRead(row);
      context.loaders.organization.prime(organization.id, organization);
      return organization;
    },
  },
  Organization: {
    defaultRepositoryRole: async (organization: OrganizationRead, _args: unknown, context: RequestContext) => {
      const roleId = organization.defaultRepositoryRole?.id;
      return roleId ? ((await context.loaders.role.load(roleId))?.name ?? null) : null;
    },
    viewerRole: (organization: OrganizationRead, _args: unknown, context: RequestContext) =>
      viewerFields.viewerRole(organization, organization.id, context),
    viewerPermissions: viewerFields.viewerPermissions,
    members: (organization: OrganizationRead, args: PageArgs, context: RequestContext) =>
      loadMembersPage(context, organization.id, pageRequest(args)),
    repositories: async (organization: OrganizationRead, args: PageArgs, context: RequestContext) => {
      const { authorizer } = requireViewer(context);
      const page = pageRequest(args);
      const filter = await readableRepositoriesIn(context, organization.id);
      // Organizations where the viewer holds the same role share the condition, and so one statement.
      const readable = sqlFilter(filter);
      const repositories = await context.loaders.repositoryPages.load({
        parentId: organization.id,
        filter: readable,
        after: page.after,
        limit: page.limit + 1,
      });
      await primeRepositoryAccess(authorizer, repositories);
      return connection(
        repositories,
        page,
        (repository: RepositoryRead) => repository.name,
        () => context.loaders.repositoryCount.load({ parentId: organization.id, filter: readable }),
      );
    },
    customRoles: (organization: OrganizationRead, _args: unknown, context: RequestContext) =>
      context.loaders.customRoles.load(organization.id),
    auditLog: (organization: OrganizationRead, args: PageArgs & { filter?: AuditLogFilter | null }, context: RequestContext) =>
      loadAuditLog(context, organization.id, pageRequest(args), args.filter),
  },
};
