import { notFoundError } from '@rolegate/authz';
import { OrganizationEntity, type Organization } from '../entities/organization.entity.js';
import { RepositoryEntity, type Repository } from '../entities/repository.entity.js';
import { requireViewer, type RequestContext } from '../context.js';
import { connection, pageRequest, type PageArgs } from '../pagination.js';
import { legacyRepositoriesFilter } from '../legacy/legacy-decider.js';
import { readableRepositoriesFilter } from '../policy/repository-roles.js';
import { findRoleViews } from '../role/role-view.js';
import { viewerFieldsOf } from '../viewer-fields.js';
import { loadAuditLog, type AuditLogFilter } from '../audit/audit-log.js';
import { loadMembersPage } from './members.js';

const viewerFields = viewerFieldsOf('organization');

/** Resolvers for organizations and their lists. */
export const organizationResolvers = {
  Query: {
    organization: async (_: unknown, args: { login: string }, context: RequestContext) => {
      const organization = await context.em.findOne(OrganizationEntity, { login: args.login });
      if (!organization) throw notFoundError();
      context.loaders.organization.prime(organization.id, organization);
      return organization;
    },
  },
  Organization: {
    defaultRepositoryRole: async (organization: Organization, _args: unknown, context: RequestContext) => {
      const roleId = organization.defaultRepositoryRole?.id;
      return roleId ? ((await context.loaders.role.load(roleId))?.name ?? null) : null;
    },
    viewerRole: (organization: Organization, _args: unknown, context: RequestContext) =>
      viewerFields.viewerRole(organization, organization.id, context),
    viewerPermissions: viewerFields.viewerPermissions,
    members: (organization: Organization, args: PageArgs, context: RequestContext) =>
      loadMembersPage(context, organization.id, pageRequest(args)),
    repositories: async (organization: Organization, args: PageArgs, context: RequestContext) => {
      const { viewer, authorizer } = requireViewer(context);
      const page = pageRequest(args);
      const access = await authorizer.access('organization', organization.id);
      const role = access?.grants.find((grant) => grant.role)?.role;
      const supported = access?.grants.some((grant) => grant.via === 'platform') ?? false;
      const { rollout } = context;
      const filter =
        rollout.legacyDecides && rollout.mapping
          ? legacyRepositoriesFilter(viewer.id, rollout.mapping, 'read:repository')
          : readableRepositoriesFilter(viewer.id, role, 'read:repository', supported);
      const from = `from repositories r join organizations o on o.id = r.organization_id where r.organization_id = ? and ${filter.sql}`;
      const rows = await context.em.execute<{ id: string }[]>(
        `select r.* ${from} ${page.after === undefined ? '' : 'and r.name > ?'} order by r.name limit ?`,
        [organization.id, ...filter.params, ...(page.after === undefined ? [] : [page.after]), page.limit + 1],
      );
      const repositories = rows.map((row) => context.em.map(RepositoryEntity, row));
      return connection(
        repositories,
        page,
        (repository: Repository) => repository.name,
        async () => {
          const [count] = await context.em.execute<{ count: string }[]>(`select count(*) ${from}`, [organization.id, ...filter.params]);
          return Number(count?.count ?? 0);
        },
      );
    },
    customRoles: (organization: Organization, _args: unknown, context: RequestContext) =>
      findRoleViews(context.em, 'r.organization_id = ?', [organization.id]),
    auditLog: (organization: Organization, args: PageArgs & { filter?: AuditLogFilter | null }, context: RequestContext) =>
      loadAuditLog(context, organization.id, pageRequest(args), args.filter),
  },
};
