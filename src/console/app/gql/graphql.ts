/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AccessRequestStatus = 'APPROVED' | 'DENIED' | 'PENDING';

/** A reviewer's decision on an item of access, and what undecided items become at a review's due date. */
export type AccessReviewDecision =
  /** The person keeps it. */
  | 'KEEP'
  /** It is removed at once, through the same write path and guards as any removal. */
  | 'REVOKE';

/** Which items of a review to list: by decision, or those still undecided. */
export type AccessReviewItemFilter = 'KEEP' | 'REVOKE' | 'UNDECIDED';

/** What an item of access is. */
export type AccessReviewItemKind =
  /** A direct, expiring grant of one permission. */
  | 'GRANT'
  /** An organization role (built in or custom): the membership. */
  | 'MEMBERSHIP'
  /** An explicit repository role (built in or custom). */
  | 'REPOSITORY_ROLE';

export type AccessReviewStatus =
  /** Past its due date: its undecided items followed whenUndecided; no decision is taken any more. */
  | 'CLOSED'
  /** Reviewers decide its items until its due date. */
  | 'OPEN';

export type AddMemberInput = {
  /** At most 100 characters. */
  organizationId: string | number;
  /** At most 100 characters. */
  role: string;
  /** At most 100 characters. */
  userId: string | number;
};

export type ApproveAccessRequestInput = {
  /** When the grant ends: ISO 8601, in the future, at most GRANT_MAX_DAYS ahead (90 by default). At most 40 characters. */
  expiresAt: string;
  /** At most 100 characters. */
  requestId: string | number;
};

export type AssignRepositoryRoleInput = {
  /** At most 100 characters. */
  repositoryId: string | number;
  /** At most 100 characters. */
  role: string;
  /** At most 100 characters. */
  userId: string | number;
};

/** Narrows an audit log; every field is optional and they combine. */
export type AuditLogFilter = {
  /** At most 100 characters. */
  action?: string | null | undefined;
  /** At most 100 characters. */
  actorId?: string | number | null | undefined;
  /** Entries at or after this instant (ISO 8601). At most 40 characters. */
  since?: string | null | undefined;
  /** At most 100 characters. */
  targetUserId?: string | number | null | undefined;
  /** Entries before this instant (ISO 8601). At most 40 characters. */
  until?: string | null | undefined;
};

export type ChangeMemberRoleInput = {
  /** At most 100 characters. */
  organizationId: string | number;
  /** At most 100 characters. */
  role: string;
  /** At most 100 characters. */
  userId: string | number;
};

export type CloseIssueInput = {
  /** At most 100 characters. */
  issueId: string | number;
};

export type CreateCustomRoleInput = {
  /** At most 500 characters. */
  description?: string | null | undefined;
  /** At most 100 characters. */
  name: string;
  /** At most 100 characters. */
  organizationId: string | number;
  /** At most 100 characters. */
  permissions: Array<string>;
  resourceType: ResourceType;
};

export type CreateIssueInput = {
  /** At most 65536 characters. */
  body?: string | null | undefined;
  /** At most 100 characters. */
  repositoryId: string | number;
  /** At most 200 characters. */
  title: string;
};

export type DecideAccessReviewItemInput = {
  decision: AccessReviewDecision;
  /** At most 100 characters. */
  itemId: string | number;
  /** Why: kept with the decision and in the export (optional). At most 500 characters. */
  note?: string | null | undefined;
};

export type DeleteCustomRoleInput = {
  /** A role (built-in or custom, same resource type) for the deleted role's holders; required while it is assigned. At most 100 characters. */
  reassignTo?: string | null | undefined;
  /** At most 100 characters. */
  roleId: string | number;
};

export type DenyAccessRequestInput = {
  /** At most 500 characters. */
  reason: string;
  /** At most 100 characters. */
  requestId: string | number;
};

export type GrantPermissionInput = {
  /** ISO 8601, in the future, at most GRANT_MAX_DAYS ahead (90 by default). At most 40 characters. */
  expiresAt: string;
  /** A catalog permission; its resource type tells what resourceId names (organization, repository or issue). At most 100 characters. */
  permission: string;
  /** At most 500 characters. */
  reason: string;
  /** At most 100 characters. */
  resourceId: string | number;
  /** At most 100 characters. */
  userId: string | number;
};

export type IssueState = 'CLOSED' | 'OPEN';

export type OffboardMemberInput = {
  /** At most 100 characters. */
  organizationId: string | number;
  /** Why they leave: kept in the audit log's member.offboarded entry. At most 500 characters. */
  reason: string;
  /** At most 100 characters. */
  userId: string | number;
};

/** The organization permissions of the policy, by action (`read` is "read:organization"): for viewerCan(action:). */
export type OrganizationPermission =
  /** Create repositories in the organization. */
  | 'create_repository'
  /** Delete the organization. */
  | 'delete'
  /** Change the billing email. */
  | 'manage_billing'
  /** Add, remove and change the role of members; see who has access and what each person holds; offboard. */
  | 'manage_members'
  /** Create, edit and delete custom roles. */
  | 'manage_roles'
  /** See the organization and its name. */
  | 'read'
  /** Read the organization's audit log. */
  | 'read_audit_log'
  /** See the billing email. */
  | 'read_billing'
  /** See who belongs to the organization and its custom roles. */
  | 'read_members'
  /** Start access reviews, see their items and decide them (keep or revoke). */
  | 'review_access'
  /** Change the organization's name and default repository role. */
  | 'update';

export type RemoveMemberInput = {
  /** At most 100 characters. */
  organizationId: string | number;
  /** At most 100 characters. */
  userId: string | number;
};

export type RemoveRepositoryRoleInput = {
  /** At most 100 characters. */
  repositoryId: string | number;
  /** At most 100 characters. */
  userId: string | number;
};

/** The repository permissions of the policy, by action (`read` is "read:repository"): for viewerCan(action:). */
export type RepositoryPermission =
  /** Open issues. */
  | 'create_issue'
  /** Delete the repository. */
  | 'delete'
  /** Close and edit any issue. */
  | 'manage_issues'
  /** Assign and remove repository roles; see collaborators and who has access. */
  | 'manage_roles'
  /** See the repository, its issues and its description. */
  | 'read'
  /** Read the repository's code (its readme). */
  | 'read_code'
  /** Trigger workflows and see their runs. */
  | 'trigger_workflow'
  /** Change the repository's description and readme. */
  | 'update';

export type RequestAccessInput = {
  /** A catalog permission; its resource type tells what resourceId names (organization, repository or issue). At most 100 characters. */
  permission: string;
  /** At most 500 characters. */
  reason: string;
  /** At most 100 characters. */
  resourceId: string | number;
};

/** A kind of resource: where roles apply (organization, repository, user, platform) and permissions name (also issue). */
export type ResourceType = 'ISSUE' | 'ORGANIZATION' | 'PLATFORM' | 'REPOSITORY' | 'USER';

export type RevokeGrantInput = {
  /** At most 100 characters. */
  grantId: string | number;
};

export type StartAccessReviewInput = {
  /** When reviewers must have decided: ISO 8601, in the future, at most 365 days ahead. At most 40 characters. */
  dueAt: string;
  /** At most 100 characters. */
  organizationId: string | number;
  /** What undecided items become at dueAt. */
  whenUndecided: AccessReviewDecision;
};

export type TriggerWorkflowInput = {
  /** At most 100 characters. */
  repositoryId: string | number;
  /** At most 100 characters. */
  workflow: string;
};

export type UpdateCustomRoleInput = {
  /** At most 500 characters. */
  description?: string | null | undefined;
  /** At most 100 characters. */
  name?: string | null | undefined;
  /** At most 100 characters. */
  permissions?: Array<string> | null | undefined;
  /** At most 100 characters. */
  roleId: string | number;
};

export type UpdateOrganizationInput = {
  /** Authorization: setting it needs `manage_billing:organization`. At most 254 characters. */
  billingEmail?: string | null | undefined;
  /** A repository role name, or null for none. At most 100 characters. */
  defaultRepositoryRole?: string | null | undefined;
  /** At most 100 characters. */
  name?: string | null | undefined;
  /** At most 100 characters. */
  organizationId: string | number;
};

export type ConsoleUserByLoginQueryVariables = Exact<{
  login: string;
}>;

export type ConsoleUserByLoginQuery = { user: { id: string; login: string } | null };

export type OrganizationFrameQueryVariables = Exact<{
  login: string;
}>;

export type OrganizationFrameQuery = {
  organization: { id: string; login: string; name: string; viewerPermissions: Array<string>; viewerRole: { name: string } | null } | null;
};

export type OrganizationAccessSubscriptionVariables = Exact<{
  id: string | number;
}>;

export type OrganizationAccessSubscription = { viewerAccessChanged: { permissions: Array<string> } | null };

export type AccessPageQueryVariables = Exact<{
  login: string;
}>;

export type AccessPageQuery = {
  organization: { id: string; login: string; repositories: { nodes: Array<{ id: string; name: string }> } } | null;
  permissionCatalog: Array<{ name: string; resourceType: ResourceType; description: string }>;
};

export type AccessPathFieldsFragment = { via: string; role: string | null; expiresAt: string | null; description: string };

export type ConsoleApproveAccessRequestMutationVariables = Exact<{
  input: ApproveAccessRequestInput;
}>;

export type ConsoleApproveAccessRequestMutation = {
  approveAccessRequest: { accessRequest: { id: string; status: AccessRequestStatus } } | null;
};

export type ConsoleDenyAccessRequestMutationVariables = Exact<{
  input: DenyAccessRequestInput;
}>;

export type ConsoleDenyAccessRequestMutation = { denyAccessRequest: { accessRequest: { id: string; status: AccessRequestStatus } } | null };

export type AccessRequestsPageQueryVariables = Exact<{
  login: string;
  status: AccessRequestStatus;
}>;

export type AccessRequestsPageQuery = {
  organization: {
    id: string;
    accessRequests: {
      totalCount: number;
      nodes: Array<{
        id: string;
        permission: string;
        resourceName: string;
        reason: string;
        status: AccessRequestStatus;
        createdAt: string;
        decidedAt: string | null;
        decisionReason: string | null;
        requester: { id: string; login: string; name: string };
        decidedBy: { login: string } | null;
        grant: { id: string; expiresAt: string } | null;
      }>;
    } | null;
  } | null;
};

export type AccessRequestEventsSubscriptionVariables = Exact<{
  organizationId: string | number;
}>;

export type AccessRequestEventsSubscription = { accessRequestEvents: { id: string } | null };

export type AccessReviewSummaryFragment = {
  id: string;
  startedAt: string;
  dueAt: string;
  whenUndecided: AccessReviewDecision;
  status: AccessReviewStatus;
  closedAt: string | null;
  startedBy: { login: string } | null;
  progress: { total: number; kept: number; revoked: number; undecided: number };
};

export type AccessReviewItemFieldsFragment = {
  id: string;
  kind: AccessReviewItemKind;
  resourceType: ResourceType;
  resourceName: string;
  role: string | null;
  customRole: boolean;
  permission: string | null;
  expiresAt: string | null;
  description: string;
  changedSinceSnapshot: boolean;
  current: string;
  decision: AccessReviewDecision | null;
  decidedByName: string | null;
  decidedAt: string | null;
  note: string | null;
  removed: boolean | null;
  user: { id: string; login: string; name: string };
};

export type AccessReviewsQueryVariables = Exact<{
  login: string;
  first: number;
  after?: string | null | undefined;
}>;

export type AccessReviewsQuery = {
  organization: {
    id: string;
    accessReviews: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{
        cursor: string;
        node: {
          id: string;
          startedAt: string;
          dueAt: string;
          whenUndecided: AccessReviewDecision;
          status: AccessReviewStatus;
          closedAt: string | null;
          startedBy: { login: string } | null;
          progress: { total: number; kept: number; revoked: number; undecided: number };
        };
      }>;
    } | null;
  } | null;
};

export type AccessReviewItemsQueryVariables = Exact<{
  login: string;
  id: string | number;
  decision?: AccessReviewItemFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;

export type AccessReviewItemsQuery = {
  organization: {
    id: string;
    accessReview: {
      id: string;
      startedAt: string;
      dueAt: string;
      whenUndecided: AccessReviewDecision;
      status: AccessReviewStatus;
      closedAt: string | null;
      items: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<{
          id: string;
          kind: AccessReviewItemKind;
          resourceType: ResourceType;
          resourceName: string;
          role: string | null;
          customRole: boolean;
          permission: string | null;
          expiresAt: string | null;
          description: string;
          changedSinceSnapshot: boolean;
          current: string;
          decision: AccessReviewDecision | null;
          decidedByName: string | null;
          decidedAt: string | null;
          note: string | null;
          removed: boolean | null;
          user: { id: string; login: string; name: string };
        }>;
      };
      startedBy: { login: string } | null;
      progress: { total: number; kept: number; revoked: number; undecided: number };
    } | null;
  } | null;
};

export type ConsoleStartAccessReviewMutationVariables = Exact<{
  input: StartAccessReviewInput;
}>;

export type ConsoleStartAccessReviewMutation = { startAccessReview: { accessReview: { id: string } | null } | null };

export type ConsoleDecideAccessReviewItemMutationVariables = Exact<{
  input: DecideAccessReviewItemInput;
}>;

export type ConsoleDecideAccessReviewItemMutation = {
  decideAccessReviewItem: {
    item: {
      id: string;
      kind: AccessReviewItemKind;
      resourceType: ResourceType;
      resourceName: string;
      role: string | null;
      customRole: boolean;
      permission: string | null;
      expiresAt: string | null;
      description: string;
      changedSinceSnapshot: boolean;
      current: string;
      decision: AccessReviewDecision | null;
      decidedByName: string | null;
      decidedAt: string | null;
      note: string | null;
      removed: boolean | null;
      user: { id: string; login: string; name: string };
    } | null;
  } | null;
};

export type ConsoleAddMemberMutationVariables = Exact<{
  input: AddMemberInput;
}>;

export type ConsoleAddMemberMutation = { addMember: { membership: { role: { name: string } } | null } | null };

export type AuditLogPageQueryVariables = Exact<{
  login: string;
  first: number;
  after?: string | null | undefined;
  filter?: AuditLogFilter | null | undefined;
}>;

export type AuditLogPageQuery = {
  organization: {
    id: string;
    auditLog: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Array<{
        id: string;
        action: string;
        createdAt: string;
        resourceType: string | null;
        resourceId: string | null;
        before: string | null;
        after: string | null;
        requestId: string | null;
        actor: { id: string; login: string } | null;
        targetUser: { id: string; login: string } | null;
      }>;
    } | null;
  } | null;
};

export type AuditLogEntriesSubscriptionVariables = Exact<{
  organizationId: string | number;
}>;

export type AuditLogEntriesSubscription = { auditLogEntries: { id: string } | null };

export type RepositoryCollaboratorsQueryVariables = Exact<{
  owner: string;
  name: string;
}>;

export type RepositoryCollaboratorsQuery = {
  repository: {
    id: string;
    viewerPermissions: Array<string>;
    collaborators: Array<{ user: { id: string; login: string; name: string }; role: { name: string } }> | null;
  } | null;
  organization: { id: string; customRoles: Array<{ name: string; resourceType: ResourceType; permissions: Array<string> }> | null } | null;
  builtInRoles: Array<{ name: string; resourceType: ResourceType; permissions: Array<string> }>;
};

export type ConsoleAssignRepositoryRoleMutationVariables = Exact<{
  input: AssignRepositoryRoleInput;
}>;

export type ConsoleAssignRepositoryRoleMutation = { assignRepositoryRole: { repository: { id: string } | null } | null };

export type ConsoleRemoveRepositoryRoleMutationVariables = Exact<{
  input: RemoveRepositoryRoleInput;
}>;

export type ConsoleRemoveRepositoryRoleMutation = { removeRepositoryRole: { repository: { id: string } | null } | null };

export type ConsoleDeleteCustomRoleMutationVariables = Exact<{
  input: DeleteCustomRoleInput;
}>;

export type ConsoleDeleteCustomRoleMutation = { deleteCustomRole: { organization: { id: string } | null } | null };

export type CustomRolesPageQueryVariables = Exact<{
  login: string;
}>;

export type CustomRolesPageQuery = {
  organization: {
    id: string;
    customRoles: Array<{
      id: string;
      name: string;
      description: string | null;
      resourceType: ResourceType;
      permissions: Array<string>;
    }> | null;
    roleReport: { holdersPerRole: Array<{ holders: number; role: { id: string } }> } | null;
  } | null;
  builtInRoles: Array<{ name: string; resourceType: ResourceType }>;
  permissionCatalog: Array<{ name: string; resourceType: ResourceType; description: string }>;
};

export type ExceptionsPageQueryVariables = Exact<{
  login: string;
}>;

export type ExceptionsPageQuery = {
  organization: {
    id: string;
    login: string;
    grants: Array<{
      id: string;
      permission: string;
      resourceType: ResourceType;
      resourceId: string;
      reason: string;
      expiresAt: string;
      createdAt: string;
      user: { id: string; login: string };
      grantedBy: { login: string } | null;
    }> | null;
    repositories: { nodes: Array<{ id: string; name: string }> };
  } | null;
  permissionCatalog: Array<{ name: string; resourceType: ResourceType; description: string }>;
};

export type ConsoleRevokeGrantMutationVariables = Exact<{
  input: RevokeGrantInput;
}>;

export type ConsoleRevokeGrantMutation = { revokeGrant: { grant: { id: string } | null } | null };

export type ExplainAccessQueryVariables = Exact<{
  userId: string | number;
  permission: string;
  resourceId: string | number;
}>;

export type ExplainAccessQuery = {
  explainAccess: {
    allowed: boolean;
    outcome: string;
    permission: string;
    reason: string;
    path: Array<{ role: string | null; via: string; permissions: Array<string>; description: string }>;
  } | null;
};

export type ConsoleGrantPermissionMutationVariables = Exact<{
  input: GrantPermissionInput;
}>;

export type ConsoleGrantPermissionMutation = { grantPermission: { grant: { id: string } | null } | null };

export type HomePageQueryVariables = Exact<{ [key: string]: never }>;

export type HomePageQuery = {
  viewer: {
    id: string;
    login: string;
    name: string;
    organizations: Array<{ organization: { id: string; login: string; name: string }; role: { name: string } }>;
    repositories: {
      nodes: Array<{ id: string; name: string; nameWithOwner: string; description: string | null; viewerRole: { name: string } | null }>;
    };
  };
};

export type RepositoryIssuesQueryVariables = Exact<{
  owner: string;
  name: string;
}>;

export type RepositoryIssuesQuery = {
  repository: {
    id: string;
    issues: {
      totalCount: number;
      nodes: Array<{ id: string; number: number; title: string; state: IssueState; canClose: boolean; author: { login: string } }>;
    };
  } | null;
};

export type ConsoleCreateIssueMutationVariables = Exact<{
  input: CreateIssueInput;
}>;

export type ConsoleCreateIssueMutation = { createIssue: { issue: { id: string } | null } | null };

export type ConsoleCloseIssueMutationVariables = Exact<{
  input: CloseIssueInput;
}>;

export type ConsoleCloseIssueMutation = { closeIssue: { issue: { id: string } | null } | null };

export type ConsoleChangeMemberRoleMutationVariables = Exact<{
  input: ChangeMemberRoleInput;
}>;

export type ConsoleChangeMemberRoleMutation = { changeMemberRole: { membership: { role: { name: string } } | null } | null };

export type ConsoleRemoveMemberMutationVariables = Exact<{
  input: RemoveMemberInput;
}>;

export type ConsoleRemoveMemberMutation = { removeMember: { organization: { id: string } | null } | null };

export type MembersPageQueryVariables = Exact<{
  login: string;
}>;

export type MembersPageQuery = {
  organization: {
    id: string;
    members: { totalCount: number; nodes: Array<{ user: { id: string; login: string; name: string }; role: { name: string } }> } | null;
    customRoles: Array<{ name: string; resourceType: ResourceType; permissions: Array<string> }> | null;
  } | null;
  builtInRoles: Array<{ name: string; resourceType: ResourceType; permissions: Array<string> }>;
};

export type MyAccessRequestsQueryVariables = Exact<{ [key: string]: never }>;

export type MyAccessRequestsQuery = {
  viewer: {
    id: string;
    accessRequests: {
      nodes: Array<{
        id: string;
        permission: string;
        resourceName: string;
        reason: string;
        status: AccessRequestStatus;
        createdAt: string;
        decisionReason: string | null;
        grant: { id: string; expiresAt: string } | null;
      }>;
    };
  };
};

export type HeldResourceFragment = {
  resourceId: string;
  name: string;
  permissions: Array<{
    permission: string;
    via: Array<{ via: string; role: string | null; expiresAt: string | null; description: string }>;
  }>;
};

export type MemberAccessOfQueryVariables = Exact<{
  login: string;
  userId: string | number;
  after?: string | null | undefined;
}>;

export type MemberAccessOfQuery = {
  organization: {
    id: string;
    accessOf: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Array<{
        resourceId: string;
        name: string;
        permissions: Array<{
          permission: string;
          via: Array<{ via: string; role: string | null; expiresAt: string | null; description: string }>;
        }>;
      }>;
    } | null;
  } | null;
};

export type ConsoleOffboardMemberMutationVariables = Exact<{
  input: OffboardMemberInput;
}>;

export type ConsoleOffboardMemberMutation = {
  offboardMember: {
    before: Array<{ resourceId: string; name: string; permissions: Array<{ permission: string }> }>;
    after: Array<{
      resourceId: string;
      name: string;
      permissions: Array<{
        permission: string;
        via: Array<{ via: string; role: string | null; expiresAt: string | null; description: string }>;
      }>;
    }>;
  } | null;
};

export type OrganizationPageQueryVariables = Exact<{
  login: string;
  readMembers: boolean;
  readBilling: boolean;
  manageMembers: boolean;
}>;

export type OrganizationPageQuery = {
  organization: {
    id: string;
    name: string;
    defaultRepositoryRole: string | null;
    billingEmail?: string | null;
    pendingRequests?: { totalCount: number } | null;
    members?: { totalCount: number; nodes: Array<{ user: { id: string; login: string; name: string }; role: { name: string } }> } | null;
    customRoles?: Array<{ id: string; name: string; resourceType: ResourceType }> | null;
    repositories: { nodes: Array<{ id: string; name: string; description: string | null; viewerRole: { name: string } | null }> };
  } | null;
  builtInRoles: Array<{ name: string; resourceType: ResourceType }>;
};

export type ConsoleUpdateOrganizationMutationVariables = Exact<{
  input: UpdateOrganizationInput;
}>;

export type ConsoleUpdateOrganizationMutation = { updateOrganization: { organization: { id: string } | null } | null };

export type AccessHoldersFragment = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Array<{
    user: { id: string; login: string; name: string };
    via: Array<{ via: string; role: string | null; expiresAt: string | null; description: string }>;
  }>;
};

export type OrganizationPeopleWithAccessQueryVariables = Exact<{
  login: string;
  permission: OrganizationPermission;
  first: number;
  after?: string | null | undefined;
}>;

export type OrganizationPeopleWithAccessQuery = {
  organization: {
    id: string;
    peopleWithAccess: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Array<{
        user: { id: string; login: string; name: string };
        via: Array<{ via: string; role: string | null; expiresAt: string | null; description: string }>;
      }>;
    } | null;
  } | null;
};

export type RepositoryPeopleWithAccessQueryVariables = Exact<{
  owner: string;
  name: string;
  permission: RepositoryPermission;
  first: number;
  after?: string | null | undefined;
}>;

export type RepositoryPeopleWithAccessQuery = {
  repository: {
    id: string;
    peopleWithAccess: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Array<{
        user: { id: string; login: string; name: string };
        via: Array<{ via: string; role: string | null; expiresAt: string | null; description: string }>;
      }>;
    } | null;
  } | null;
};

export type PeopleWithAccessPermissionsQueryVariables = Exact<{ [key: string]: never }>;

export type PeopleWithAccessPermissionsQuery = {
  permissionCatalog: Array<{ name: string; resourceType: ResourceType; description: string }>;
};

export type RepositoriesPageQueryVariables = Exact<{
  login: string;
}>;

export type RepositoriesPageQuery = {
  organization: {
    id: string;
    repositories: { nodes: Array<{ id: string; name: string; description: string | null; viewerRole: { name: string } | null }> };
  } | null;
};

export type RepositoryFrameQueryVariables = Exact<{
  owner: string;
  name: string;
}>;

export type RepositoryFrameQuery = {
  repository: {
    id: string;
    name: string;
    nameWithOwner: string;
    description: string | null;
    viewerPermissions: Array<string>;
    viewerRole: { name: string } | null;
    organization: { id: string } | null;
  } | null;
};

export type RepositoryAccessSubscriptionVariables = Exact<{
  id: string | number;
}>;

export type RepositoryAccessSubscription = { viewerAccessChanged: { permissions: Array<string> } | null };

export type RepositoryCodeQueryVariables = Exact<{
  owner: string;
  name: string;
}>;

export type RepositoryCodeQuery = { repository: { id: string; readme: string | null } | null };

export type ConsoleRequestAccessMutationVariables = Exact<{
  input: RequestAccessInput;
}>;

export type ConsoleRequestAccessMutation = { requestAccess: { accessRequest: { id: string; status: AccessRequestStatus } } | null };

export type ConsoleCreateCustomRoleMutationVariables = Exact<{
  input: CreateCustomRoleInput;
}>;

export type ConsoleCreateCustomRoleMutation = { createCustomRole: { role: { id: string } | null } | null };

export type ConsoleUpdateCustomRoleMutationVariables = Exact<{
  input: UpdateCustomRoleInput;
}>;

export type ConsoleUpdateCustomRoleMutation = { updateCustomRole: { role: { id: string } | null } | null };

export type RoleReportQueryVariables = Exact<{
  login: string;
}>;

export type RoleReportQuery = {
  organization: {
    id: string;
    roleReport: {
      unusedCustomRoles: Array<{ holders: number; reason: string; role: { id: string; name: string } }>;
      duplicateRoles: Array<Array<{ id: string; name: string }>>;
      membersWithGrants: Array<{ activeGrants: number; user: { id: string; login: string } }>;
      grantsExpiringSoon: Array<{ id: string; permission: string; expiresAt: string; user: { login: string } }>;
      holdersPerRole: Array<{ holders: number; role: { id: string; name: string } }>;
    } | null;
  } | null;
};

export type RepositoryWorkflowRunsQueryVariables = Exact<{
  owner: string;
  name: string;
}>;

export type RepositoryWorkflowRunsQuery = {
  repository: {
    id: string;
    workflowRuns: {
      totalCount: number;
      nodes: Array<{ id: string; workflow: string; createdAt: string; triggeredBy: { login: string } }>;
    } | null;
  } | null;
};

export type ConsoleTriggerWorkflowMutationVariables = Exact<{
  input: TriggerWorkflowInput;
}>;

export type ConsoleTriggerWorkflowMutation = { triggerWorkflow: { workflowRun: { id: string } | null } | null };

export type ConsoleSignInMutationVariables = Exact<{
  email: string;
  password: string;
}>;

export type ConsoleSignInMutation = {
  login: { accessToken: string; expiresIn: number; refreshToken: string; user: { id: string; login: string; name: string } };
};

export type ConsoleRenewTokensMutationVariables = Exact<{
  refreshToken: string;
}>;

export type ConsoleRenewTokensMutation = {
  refreshToken: { accessToken: string; expiresIn: number; refreshToken: string; user: { id: string; login: string; name: string } };
};

export type ConsoleSignOutMutationVariables = Exact<{ [key: string]: never }>;

export type ConsoleSignOutMutation = { logout: { ok: boolean } };

export class TypedDocumentString<TResult, TVariables> extends String implements DocumentTypeDecoration<TResult, TVariables> {
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AccessReviewSummaryFragmentDoc = new TypedDocumentString(
  `
    fragment AccessReviewSummary on AccessReview {
  id
  startedAt
  dueAt
  whenUndecided
  status
  closedAt
  startedBy {
    login
  }
  progress {
    total
    kept
    revoked
    undecided
  }
}
    `,
  { fragmentName: 'AccessReviewSummary' },
) as unknown as TypedDocumentString<AccessReviewSummaryFragment, unknown>;
export const AccessReviewItemFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment AccessReviewItemFields on AccessReviewItem {
  id
  kind
  resourceType
  resourceName
  role
  customRole
  permission
  expiresAt
  description
  changedSinceSnapshot
  current
  decision
  decidedByName
  decidedAt
  note
  removed
  user {
    id
    login
    name
  }
}
    `,
  { fragmentName: 'AccessReviewItemFields' },
) as unknown as TypedDocumentString<AccessReviewItemFieldsFragment, unknown>;
export const AccessPathFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment AccessPathFields on AccessPath {
  via
  role
  expiresAt
  description
}
    `,
  { fragmentName: 'AccessPathFields' },
) as unknown as TypedDocumentString<AccessPathFieldsFragment, unknown>;
export const HeldResourceFragmentDoc = new TypedDocumentString(
  `
    fragment HeldResource on ResourceAccess {
  resourceId
  name
  permissions {
    permission
    via {
      ...AccessPathFields
    }
  }
}
    fragment AccessPathFields on AccessPath {
  via
  role
  expiresAt
  description
}`,
  { fragmentName: 'HeldResource' },
) as unknown as TypedDocumentString<HeldResourceFragment, unknown>;
export const AccessHoldersFragmentDoc = new TypedDocumentString(
  `
    fragment AccessHolders on AccessHolderConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  nodes {
    user {
      id
      login
      name
    }
    via {
      ...AccessPathFields
    }
  }
}
    fragment AccessPathFields on AccessPath {
  via
  role
  expiresAt
  description
}`,
  { fragmentName: 'AccessHolders' },
) as unknown as TypedDocumentString<AccessHoldersFragment, unknown>;
export const ConsoleUserByLoginDocument = new TypedDocumentString(`
    query ConsoleUserByLogin($login: String!) {
  user(login: $login) {
    id
    login
  }
}
    `) as unknown as TypedDocumentString<ConsoleUserByLoginQuery, ConsoleUserByLoginQueryVariables>;
export const OrganizationFrameDocument = new TypedDocumentString(`
    query OrganizationFrame($login: String!) {
  organization(login: $login) {
    id
    login
    name
    viewerPermissions
    viewerRole {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<OrganizationFrameQuery, OrganizationFrameQueryVariables>;
export const OrganizationAccessDocument = new TypedDocumentString(`
    subscription OrganizationAccess($id: ID!) {
  viewerAccessChanged(resourceId: $id) {
    permissions
  }
}
    `) as unknown as TypedDocumentString<OrganizationAccessSubscription, OrganizationAccessSubscriptionVariables>;
export const AccessPageDocument = new TypedDocumentString(`
    query AccessPage($login: String!) {
  organization(login: $login) {
    id
    login
    repositories(first: 100) {
      nodes {
        id
        name
      }
    }
  }
  permissionCatalog {
    name
    resourceType
    description
  }
}
    `) as unknown as TypedDocumentString<AccessPageQuery, AccessPageQueryVariables>;
export const ConsoleApproveAccessRequestDocument = new TypedDocumentString(`
    mutation ConsoleApproveAccessRequest($input: ApproveAccessRequestInput!) {
  approveAccessRequest(input: $input) {
    accessRequest {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleApproveAccessRequestMutation, ConsoleApproveAccessRequestMutationVariables>;
export const ConsoleDenyAccessRequestDocument = new TypedDocumentString(`
    mutation ConsoleDenyAccessRequest($input: DenyAccessRequestInput!) {
  denyAccessRequest(input: $input) {
    accessRequest {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleDenyAccessRequestMutation, ConsoleDenyAccessRequestMutationVariables>;
export const AccessRequestsPageDocument = new TypedDocumentString(`
    query AccessRequestsPage($login: String!, $status: AccessRequestStatus!) {
  organization(login: $login) {
    id
    accessRequests(status: $status, first: 50) {
      totalCount
      nodes {
        id
        permission
        resourceName
        reason
        status
        createdAt
        decidedAt
        decisionReason
        requester {
          id
          login
          name
        }
        decidedBy {
          login
        }
        grant {
          id
          expiresAt
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AccessRequestsPageQuery, AccessRequestsPageQueryVariables>;
export const AccessRequestEventsDocument = new TypedDocumentString(`
    subscription AccessRequestEvents($organizationId: ID!) {
  accessRequestEvents(organizationId: $organizationId) {
    id
  }
}
    `) as unknown as TypedDocumentString<AccessRequestEventsSubscription, AccessRequestEventsSubscriptionVariables>;
export const AccessReviewsDocument = new TypedDocumentString(`
    query AccessReviews($login: String!, $first: Int!, $after: String) {
  organization(login: $login) {
    id
    accessReviews(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...AccessReviewSummary
        }
      }
    }
  }
}
    fragment AccessReviewSummary on AccessReview {
  id
  startedAt
  dueAt
  whenUndecided
  status
  closedAt
  startedBy {
    login
  }
  progress {
    total
    kept
    revoked
    undecided
  }
}`) as unknown as TypedDocumentString<AccessReviewsQuery, AccessReviewsQueryVariables>;
export const AccessReviewItemsDocument = new TypedDocumentString(`
    query AccessReviewItems($login: String!, $id: ID!, $decision: AccessReviewItemFilter, $first: Int!, $after: String) {
  organization(login: $login) {
    id
    accessReview(id: $id) {
      ...AccessReviewSummary
      items(decision: $decision, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...AccessReviewItemFields
        }
      }
    }
  }
}
    fragment AccessReviewSummary on AccessReview {
  id
  startedAt
  dueAt
  whenUndecided
  status
  closedAt
  startedBy {
    login
  }
  progress {
    total
    kept
    revoked
    undecided
  }
}
fragment AccessReviewItemFields on AccessReviewItem {
  id
  kind
  resourceType
  resourceName
  role
  customRole
  permission
  expiresAt
  description
  changedSinceSnapshot
  current
  decision
  decidedByName
  decidedAt
  note
  removed
  user {
    id
    login
    name
  }
}`) as unknown as TypedDocumentString<AccessReviewItemsQuery, AccessReviewItemsQueryVariables>;
export const ConsoleStartAccessReviewDocument = new TypedDocumentString(`
    mutation ConsoleStartAccessReview($input: StartAccessReviewInput!) {
  startAccessReview(input: $input) {
    accessReview {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleStartAccessReviewMutation, ConsoleStartAccessReviewMutationVariables>;
export const ConsoleDecideAccessReviewItemDocument = new TypedDocumentString(`
    mutation ConsoleDecideAccessReviewItem($input: DecideAccessReviewItemInput!) {
  decideAccessReviewItem(input: $input) {
    item {
      ...AccessReviewItemFields
    }
  }
}
    fragment AccessReviewItemFields on AccessReviewItem {
  id
  kind
  resourceType
  resourceName
  role
  customRole
  permission
  expiresAt
  description
  changedSinceSnapshot
  current
  decision
  decidedByName
  decidedAt
  note
  removed
  user {
    id
    login
    name
  }
}`) as unknown as TypedDocumentString<ConsoleDecideAccessReviewItemMutation, ConsoleDecideAccessReviewItemMutationVariables>;
export const ConsoleAddMemberDocument = new TypedDocumentString(`
    mutation ConsoleAddMember($input: AddMemberInput!) {
  addMember(input: $input) {
    membership {
      role {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAddMemberMutation, ConsoleAddMemberMutationVariables>;
export const AuditLogPageDocument = new TypedDocumentString(`
    query AuditLogPage($login: String!, $first: Int!, $after: String, $filter: AuditLogFilter) {
  organization(login: $login) {
    id
    auditLog(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        action
        createdAt
        resourceType
        resourceId
        before
        after
        requestId
        actor {
          id
          login
        }
        targetUser {
          id
          login
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AuditLogPageQuery, AuditLogPageQueryVariables>;
export const AuditLogEntriesDocument = new TypedDocumentString(`
    subscription AuditLogEntries($organizationId: ID!) {
  auditLogEntries(organizationId: $organizationId) {
    id
  }
}
    `) as unknown as TypedDocumentString<AuditLogEntriesSubscription, AuditLogEntriesSubscriptionVariables>;
export const RepositoryCollaboratorsDocument = new TypedDocumentString(`
    query RepositoryCollaborators($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    id
    viewerPermissions
    collaborators {
      user {
        id
        login
        name
      }
      role {
        name
      }
    }
  }
  organization(login: $owner) {
    id
    customRoles {
      name
      resourceType
      permissions
    }
  }
  builtInRoles {
    name
    resourceType
    permissions
  }
}
    `) as unknown as TypedDocumentString<RepositoryCollaboratorsQuery, RepositoryCollaboratorsQueryVariables>;
export const ConsoleAssignRepositoryRoleDocument = new TypedDocumentString(`
    mutation ConsoleAssignRepositoryRole($input: AssignRepositoryRoleInput!) {
  assignRepositoryRole(input: $input) {
    repository {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAssignRepositoryRoleMutation, ConsoleAssignRepositoryRoleMutationVariables>;
export const ConsoleRemoveRepositoryRoleDocument = new TypedDocumentString(`
    mutation ConsoleRemoveRepositoryRole($input: RemoveRepositoryRoleInput!) {
  removeRepositoryRole(input: $input) {
    repository {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleRemoveRepositoryRoleMutation, ConsoleRemoveRepositoryRoleMutationVariables>;
export const ConsoleDeleteCustomRoleDocument = new TypedDocumentString(`
    mutation ConsoleDeleteCustomRole($input: DeleteCustomRoleInput!) {
  deleteCustomRole(input: $input) {
    organization {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleDeleteCustomRoleMutation, ConsoleDeleteCustomRoleMutationVariables>;
export const CustomRolesPageDocument = new TypedDocumentString(`
    query CustomRolesPage($login: String!) {
  organization(login: $login) {
    id
    customRoles {
      id
      name
      description
      resourceType
      permissions
    }
    roleReport {
      holdersPerRole {
        role {
          id
        }
        holders
      }
    }
  }
  builtInRoles {
    name
    resourceType
  }
  permissionCatalog {
    name
    resourceType
    description
  }
}
    `) as unknown as TypedDocumentString<CustomRolesPageQuery, CustomRolesPageQueryVariables>;
export const ExceptionsPageDocument = new TypedDocumentString(`
    query ExceptionsPage($login: String!) {
  organization(login: $login) {
    id
    login
    grants {
      id
      permission
      resourceType
      resourceId
      reason
      expiresAt
      createdAt
      user {
        id
        login
      }
      grantedBy {
        login
      }
    }
    repositories(first: 100) {
      nodes {
        id
        name
      }
    }
  }
  permissionCatalog {
    name
    resourceType
    description
  }
}
    `) as unknown as TypedDocumentString<ExceptionsPageQuery, ExceptionsPageQueryVariables>;
export const ConsoleRevokeGrantDocument = new TypedDocumentString(`
    mutation ConsoleRevokeGrant($input: RevokeGrantInput!) {
  revokeGrant(input: $input) {
    grant {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleRevokeGrantMutation, ConsoleRevokeGrantMutationVariables>;
export const ExplainAccessDocument = new TypedDocumentString(`
    query ExplainAccess($userId: ID!, $permission: String!, $resourceId: ID!) {
  explainAccess(userId: $userId, permission: $permission, resourceId: $resourceId) {
    allowed
    outcome
    permission
    reason
    path {
      role
      via
      permissions
      description
    }
  }
}
    `) as unknown as TypedDocumentString<ExplainAccessQuery, ExplainAccessQueryVariables>;
export const ConsoleGrantPermissionDocument = new TypedDocumentString(`
    mutation ConsoleGrantPermission($input: GrantPermissionInput!) {
  grantPermission(input: $input) {
    grant {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleGrantPermissionMutation, ConsoleGrantPermissionMutationVariables>;
export const HomePageDocument = new TypedDocumentString(`
    query HomePage {
  viewer {
    id
    login
    name
    organizations {
      organization {
        id
        login
        name
      }
      role {
        name
      }
    }
    repositories(first: 100) {
      nodes {
        id
        name
        nameWithOwner
        description
        viewerRole {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<HomePageQuery, HomePageQueryVariables>;
export const RepositoryIssuesDocument = new TypedDocumentString(`
    query RepositoryIssues($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    id
    issues(first: 50) {
      totalCount
      nodes {
        id
        number
        title
        state
        author {
          login
        }
        canClose: viewerCan(action: close)
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RepositoryIssuesQuery, RepositoryIssuesQueryVariables>;
export const ConsoleCreateIssueDocument = new TypedDocumentString(`
    mutation ConsoleCreateIssue($input: CreateIssueInput!) {
  createIssue(input: $input) {
    issue {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateIssueMutation, ConsoleCreateIssueMutationVariables>;
export const ConsoleCloseIssueDocument = new TypedDocumentString(`
    mutation ConsoleCloseIssue($input: CloseIssueInput!) {
  closeIssue(input: $input) {
    issue {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCloseIssueMutation, ConsoleCloseIssueMutationVariables>;
export const ConsoleChangeMemberRoleDocument = new TypedDocumentString(`
    mutation ConsoleChangeMemberRole($input: ChangeMemberRoleInput!) {
  changeMemberRole(input: $input) {
    membership {
      role {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleChangeMemberRoleMutation, ConsoleChangeMemberRoleMutationVariables>;
export const ConsoleRemoveMemberDocument = new TypedDocumentString(`
    mutation ConsoleRemoveMember($input: RemoveMemberInput!) {
  removeMember(input: $input) {
    organization {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleRemoveMemberMutation, ConsoleRemoveMemberMutationVariables>;
export const MembersPageDocument = new TypedDocumentString(`
    query MembersPage($login: String!) {
  organization(login: $login) {
    id
    members(first: 100) {
      totalCount
      nodes {
        user {
          id
          login
          name
        }
        role {
          name
        }
      }
    }
    customRoles {
      name
      resourceType
      permissions
    }
  }
  builtInRoles {
    name
    resourceType
    permissions
  }
}
    `) as unknown as TypedDocumentString<MembersPageQuery, MembersPageQueryVariables>;
export const MyAccessRequestsDocument = new TypedDocumentString(`
    query MyAccessRequests {
  viewer {
    id
    accessRequests(first: 20) {
      nodes {
        id
        permission
        resourceName
        reason
        status
        createdAt
        decisionReason
        grant {
          id
          expiresAt
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MyAccessRequestsQuery, MyAccessRequestsQueryVariables>;
export const MemberAccessOfDocument = new TypedDocumentString(`
    query MemberAccessOf($login: String!, $userId: ID!, $after: String) {
  organization(login: $login) {
    id
    accessOf(userId: $userId, first: 25, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...HeldResource
      }
    }
  }
}
    fragment AccessPathFields on AccessPath {
  via
  role
  expiresAt
  description
}
fragment HeldResource on ResourceAccess {
  resourceId
  name
  permissions {
    permission
    via {
      ...AccessPathFields
    }
  }
}`) as unknown as TypedDocumentString<MemberAccessOfQuery, MemberAccessOfQueryVariables>;
export const ConsoleOffboardMemberDocument = new TypedDocumentString(`
    mutation ConsoleOffboardMember($input: OffboardMemberInput!) {
  offboardMember(input: $input) {
    before {
      resourceId
      name
      permissions {
        permission
      }
    }
    after {
      ...HeldResource
    }
  }
}
    fragment AccessPathFields on AccessPath {
  via
  role
  expiresAt
  description
}
fragment HeldResource on ResourceAccess {
  resourceId
  name
  permissions {
    permission
    via {
      ...AccessPathFields
    }
  }
}`) as unknown as TypedDocumentString<ConsoleOffboardMemberMutation, ConsoleOffboardMemberMutationVariables>;
export const OrganizationPageDocument = new TypedDocumentString(`
    query OrganizationPage($login: String!, $readMembers: Boolean!, $readBilling: Boolean!, $manageMembers: Boolean!) {
  organization(login: $login) {
    id
    name
    defaultRepositoryRole
    pendingRequests: accessRequests(status: PENDING, first: 1) @include(if: $manageMembers) {
      totalCount
    }
    billingEmail @include(if: $readBilling)
    members(first: 100) @include(if: $readMembers) {
      totalCount
      nodes {
        user {
          id
          login
          name
        }
        role {
          name
        }
      }
    }
    customRoles @include(if: $readMembers) {
      id
      name
      resourceType
    }
    repositories(first: 100) {
      nodes {
        id
        name
        description
        viewerRole {
          name
        }
      }
    }
  }
  builtInRoles {
    name
    resourceType
  }
}
    `) as unknown as TypedDocumentString<OrganizationPageQuery, OrganizationPageQueryVariables>;
export const ConsoleUpdateOrganizationDocument = new TypedDocumentString(`
    mutation ConsoleUpdateOrganization($input: UpdateOrganizationInput!) {
  updateOrganization(input: $input) {
    organization {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleUpdateOrganizationMutation, ConsoleUpdateOrganizationMutationVariables>;
export const OrganizationPeopleWithAccessDocument = new TypedDocumentString(`
    query OrganizationPeopleWithAccess($login: String!, $permission: OrganizationPermission!, $first: Int!, $after: String) {
  organization(login: $login) {
    id
    peopleWithAccess(permission: $permission, first: $first, after: $after) {
      ...AccessHolders
    }
  }
}
    fragment AccessPathFields on AccessPath {
  via
  role
  expiresAt
  description
}
fragment AccessHolders on AccessHolderConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  nodes {
    user {
      id
      login
      name
    }
    via {
      ...AccessPathFields
    }
  }
}`) as unknown as TypedDocumentString<OrganizationPeopleWithAccessQuery, OrganizationPeopleWithAccessQueryVariables>;
export const RepositoryPeopleWithAccessDocument = new TypedDocumentString(`
    query RepositoryPeopleWithAccess($owner: String!, $name: String!, $permission: RepositoryPermission!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    id
    peopleWithAccess(permission: $permission, first: $first, after: $after) {
      ...AccessHolders
    }
  }
}
    fragment AccessPathFields on AccessPath {
  via
  role
  expiresAt
  description
}
fragment AccessHolders on AccessHolderConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  nodes {
    user {
      id
      login
      name
    }
    via {
      ...AccessPathFields
    }
  }
}`) as unknown as TypedDocumentString<RepositoryPeopleWithAccessQuery, RepositoryPeopleWithAccessQueryVariables>;
export const PeopleWithAccessPermissionsDocument = new TypedDocumentString(`
    query PeopleWithAccessPermissions {
  permissionCatalog {
    name
    resourceType
    description
  }
}
    `) as unknown as TypedDocumentString<PeopleWithAccessPermissionsQuery, PeopleWithAccessPermissionsQueryVariables>;
export const RepositoriesPageDocument = new TypedDocumentString(`
    query RepositoriesPage($login: String!) {
  organization(login: $login) {
    id
    repositories(first: 100) {
      nodes {
        id
        name
        description
        viewerRole {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RepositoriesPageQuery, RepositoriesPageQueryVariables>;
export const RepositoryFrameDocument = new TypedDocumentString(`
    query RepositoryFrame($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    id
    name
    nameWithOwner
    description
    viewerPermissions
    viewerRole {
      name
    }
    organization {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RepositoryFrameQuery, RepositoryFrameQueryVariables>;
export const RepositoryAccessDocument = new TypedDocumentString(`
    subscription RepositoryAccess($id: ID!) {
  viewerAccessChanged(resourceId: $id) {
    permissions
  }
}
    `) as unknown as TypedDocumentString<RepositoryAccessSubscription, RepositoryAccessSubscriptionVariables>;
export const RepositoryCodeDocument = new TypedDocumentString(`
    query RepositoryCode($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    id
    readme
  }
}
    `) as unknown as TypedDocumentString<RepositoryCodeQuery, RepositoryCodeQueryVariables>;
export const ConsoleRequestAccessDocument = new TypedDocumentString(`
    mutation ConsoleRequestAccess($input: RequestAccessInput!) {
  requestAccess(input: $input) {
    accessRequest {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleRequestAccessMutation, ConsoleRequestAccessMutationVariables>;
export const ConsoleCreateCustomRoleDocument = new TypedDocumentString(`
    mutation ConsoleCreateCustomRole($input: CreateCustomRoleInput!) {
  createCustomRole(input: $input) {
    role {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateCustomRoleMutation, ConsoleCreateCustomRoleMutationVariables>;
export const ConsoleUpdateCustomRoleDocument = new TypedDocumentString(`
    mutation ConsoleUpdateCustomRole($input: UpdateCustomRoleInput!) {
  updateCustomRole(input: $input) {
    role {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleUpdateCustomRoleMutation, ConsoleUpdateCustomRoleMutationVariables>;
export const RoleReportDocument = new TypedDocumentString(`
    query RoleReport($login: String!) {
  organization(login: $login) {
    id
    roleReport {
      unusedCustomRoles {
        role {
          id
          name
        }
        holders
        reason
      }
      duplicateRoles {
        id
        name
      }
      membersWithGrants {
        user {
          id
          login
        }
        activeGrants
      }
      grantsExpiringSoon {
        id
        permission
        expiresAt
        user {
          login
        }
      }
      holdersPerRole {
        role {
          id
          name
        }
        holders
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RoleReportQuery, RoleReportQueryVariables>;
export const RepositoryWorkflowRunsDocument = new TypedDocumentString(`
    query RepositoryWorkflowRuns($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    id
    workflowRuns(first: 20) {
      totalCount
      nodes {
        id
        workflow
        createdAt
        triggeredBy {
          login
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RepositoryWorkflowRunsQuery, RepositoryWorkflowRunsQueryVariables>;
export const ConsoleTriggerWorkflowDocument = new TypedDocumentString(`
    mutation ConsoleTriggerWorkflow($input: TriggerWorkflowInput!) {
  triggerWorkflow(input: $input) {
    workflowRun {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleTriggerWorkflowMutation, ConsoleTriggerWorkflowMutationVariables>;
export const ConsoleSignInDocument = new TypedDocumentString(`
    mutation ConsoleSignIn($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) {
    accessToken
    expiresIn
    refreshToken
    user {
      id
      login
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSignInMutation, ConsoleSignInMutationVariables>;
export const ConsoleRenewTokensDocument = new TypedDocumentString(`
    mutation ConsoleRenewTokens($refreshToken: String!) {
  refreshToken(input: {refreshToken: $refreshToken}) {
    accessToken
    expiresIn
    refreshToken
    user {
      id
      login
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleRenewTokensMutation, ConsoleRenewTokensMutationVariables>;
export const ConsoleSignOutDocument = new TypedDocumentString(`
    mutation ConsoleSignOut {
  logout {
    ok
  }
}
    `) as unknown as TypedDocumentString<ConsoleSignOutMutation, ConsoleSignOutMutationVariables>;
