/* eslint-disable */
import * as types from './graphql.js';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  query ConsoleUserByLogin($login: String!) {\n    user(login: $login) {\n      id\n      login\n    }\n  }\n': typeof types.ConsoleUserByLoginDocument;
  '\n  query OrganizationFrame($login: String!) {\n    organization(login: $login) {\n      id\n      login\n      name\n      viewerPermissions\n      viewerRole {\n        name\n      }\n    }\n  }\n': typeof types.OrganizationFrameDocument;
  '\n  subscription OrganizationAccess($id: ID!) {\n    viewerAccessChanged(resourceId: $id) {\n      permissions\n    }\n  }\n': typeof types.OrganizationAccessDocument;
  '\n  query AccessPage($login: String!) {\n    organization(login: $login) {\n      id\n      login\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n        }\n      }\n    }\n    permissionCatalog {\n      name\n      resourceType\n      description\n    }\n  }\n': typeof types.AccessPageDocument;
  '\n  fragment AccessPathFields on AccessPath {\n    via\n    role\n    expiresAt\n    description\n  }\n': typeof types.AccessPathFieldsFragmentDoc;
  '\n  mutation ConsoleApproveAccessRequest($input: ApproveAccessRequestInput!) {\n    approveAccessRequest(input: $input) {\n      accessRequest {\n        id\n        status\n      }\n    }\n  }\n': typeof types.ConsoleApproveAccessRequestDocument;
  '\n  mutation ConsoleDenyAccessRequest($input: DenyAccessRequestInput!) {\n    denyAccessRequest(input: $input) {\n      accessRequest {\n        id\n        status\n      }\n    }\n  }\n': typeof types.ConsoleDenyAccessRequestDocument;
  '\n  query AccessRequestsPage($login: String!, $status: AccessRequestStatus!) {\n    organization(login: $login) {\n      id\n      accessRequests(status: $status, first: 50) {\n        totalCount\n        nodes {\n          id\n          permission\n          resourceName\n          reason\n          status\n          createdAt\n          decidedAt\n          decisionReason\n          requester {\n            id\n            login\n            name\n          }\n          decidedBy {\n            login\n          }\n          grant {\n            id\n            expiresAt\n          }\n        }\n      }\n    }\n  }\n': typeof types.AccessRequestsPageDocument;
  '\n  subscription AccessRequestEvents($organizationId: ID!) {\n    accessRequestEvents(organizationId: $organizationId) {\n      id\n    }\n  }\n': typeof types.AccessRequestEventsDocument;
  '\n  fragment AccessReviewSummary on AccessReview {\n    id\n    startedAt\n    dueAt\n    whenUndecided\n    status\n    closedAt\n    startedBy {\n      login\n    }\n    progress {\n      total\n      kept\n      revoked\n      undecided\n    }\n  }\n': typeof types.AccessReviewSummaryFragmentDoc;
  '\n  fragment AccessReviewItemFields on AccessReviewItem {\n    id\n    kind\n    resourceType\n    resourceName\n    role\n    customRole\n    permission\n    expiresAt\n    description\n    changedSinceSnapshot\n    current\n    decision\n    decidedByName\n    decidedAt\n    note\n    removed\n    user {\n      id\n      login\n      name\n    }\n  }\n': typeof types.AccessReviewItemFieldsFragmentDoc;
  '\n  query AccessReviews($login: String!, $first: Int!, $after: String) {\n    organization(login: $login) {\n      id\n      accessReviews(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...AccessReviewSummary\n          }\n        }\n      }\n    }\n  }\n': typeof types.AccessReviewsDocument;
  '\n  query AccessReviewItems($login: String!, $id: ID!, $decision: AccessReviewItemFilter, $first: Int!, $after: String) {\n    organization(login: $login) {\n      id\n      accessReview(id: $id) {\n        ...AccessReviewSummary\n        items(decision: $decision, first: $first, after: $after) {\n          totalCount\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          nodes {\n            ...AccessReviewItemFields\n          }\n        }\n      }\n    }\n  }\n': typeof types.AccessReviewItemsDocument;
  '\n  mutation ConsoleStartAccessReview($input: StartAccessReviewInput!) {\n    startAccessReview(input: $input) {\n      accessReview {\n        id\n      }\n    }\n  }\n': typeof types.ConsoleStartAccessReviewDocument;
  '\n  mutation ConsoleDecideAccessReviewItem($input: DecideAccessReviewItemInput!) {\n    decideAccessReviewItem(input: $input) {\n      item {\n        ...AccessReviewItemFields\n      }\n    }\n  }\n': typeof types.ConsoleDecideAccessReviewItemDocument;
  '\n  mutation ConsoleAddMember($input: AddMemberInput!) {\n    addMember(input: $input) {\n      membership {\n        role {\n          name\n        }\n      }\n    }\n  }\n': typeof types.ConsoleAddMemberDocument;
  '\n  query AuditLogPage($login: String!, $first: Int!, $after: String, $filter: AuditLogFilter) {\n    organization(login: $login) {\n      id\n      auditLog(first: $first, after: $after, filter: $filter) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          action\n          createdAt\n          resourceType\n          resourceId\n          before\n          after\n          requestId\n          actor {\n            id\n            login\n          }\n          targetUser {\n            id\n            login\n          }\n        }\n      }\n    }\n  }\n': typeof types.AuditLogPageDocument;
  '\n  subscription AuditLogEntries($organizationId: ID!) {\n    auditLogEntries(organizationId: $organizationId) {\n      id\n    }\n  }\n': typeof types.AuditLogEntriesDocument;
  '\n  query RepositoryCollaborators($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      viewerPermissions\n      collaborators {\n        user {\n          id\n          login\n          name\n        }\n        role {\n          name\n        }\n      }\n    }\n    organization(login: $owner) {\n      id\n      customRoles {\n        name\n        resourceType\n        permissions\n      }\n    }\n    builtInRoles {\n      name\n      resourceType\n      permissions\n    }\n  }\n': typeof types.RepositoryCollaboratorsDocument;
  '\n  mutation ConsoleAssignRepositoryRole($input: AssignRepositoryRoleInput!) {\n    assignRepositoryRole(input: $input) {\n      repository {\n        id\n      }\n    }\n  }\n': typeof types.ConsoleAssignRepositoryRoleDocument;
  '\n  mutation ConsoleRemoveRepositoryRole($input: RemoveRepositoryRoleInput!) {\n    removeRepositoryRole(input: $input) {\n      repository {\n        id\n      }\n    }\n  }\n': typeof types.ConsoleRemoveRepositoryRoleDocument;
  '\n  mutation ConsoleDeleteCustomRole($input: DeleteCustomRoleInput!) {\n    deleteCustomRole(input: $input) {\n      organization {\n        id\n      }\n    }\n  }\n': typeof types.ConsoleDeleteCustomRoleDocument;
  '\n  query CustomRolesPage($login: String!) {\n    organization(login: $login) {\n      id\n      customRoles {\n        id\n        name\n        description\n        resourceType\n        permissions\n      }\n      roleReport {\n        holdersPerRole {\n          role {\n            id\n          }\n          holders\n        }\n      }\n    }\n    builtInRoles {\n      name\n      resourceType\n    }\n    permissionCatalog {\n      name\n      resourceType\n      description\n    }\n  }\n': typeof types.CustomRolesPageDocument;
  '\n  query ExceptionsPage($login: String!) {\n    organization(login: $login) {\n      id\n      login\n      grants {\n        id\n        permission\n        resourceType\n        resourceId\n        reason\n        expiresAt\n        createdAt\n        user {\n          id\n          login\n        }\n        grantedBy {\n          login\n        }\n      }\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n        }\n      }\n    }\n    permissionCatalog {\n      name\n      resourceType\n      description\n    }\n  }\n': typeof types.ExceptionsPageDocument;
  '\n  mutation ConsoleRevokeGrant($input: RevokeGrantInput!) {\n    revokeGrant(input: $input) {\n      grant {\n        id\n      }\n    }\n  }\n': typeof types.ConsoleRevokeGrantDocument;
  '\n  query ExplainAccess($userId: ID!, $permission: String!, $resourceId: ID!) {\n    explainAccess(userId: $userId, permission: $permission, resourceId: $resourceId) {\n      allowed\n      outcome\n      permission\n      reason\n      path {\n        role\n        via\n        permissions\n        description\n      }\n    }\n  }\n': typeof types.ExplainAccessDocument;
  '\n  mutation ConsoleGrantPermission($input: GrantPermissionInput!) {\n    grantPermission(input: $input) {\n      grant {\n        id\n      }\n    }\n  }\n': typeof types.ConsoleGrantPermissionDocument;
  '\n  query HomePage {\n    viewer {\n      id\n      login\n      name\n      organizations {\n        organization {\n          id\n          login\n          name\n        }\n        role {\n          name\n        }\n      }\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n          nameWithOwner\n          description\n          viewerRole {\n            name\n          }\n        }\n      }\n    }\n  }\n': typeof types.HomePageDocument;
  '\n  query RepositoryIssues($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      issues(first: 50) {\n        totalCount\n        nodes {\n          id\n          number\n          title\n          state\n          author {\n            login\n          }\n          canClose: viewerCan(action: close)\n        }\n      }\n    }\n  }\n': typeof types.RepositoryIssuesDocument;
  '\n  mutation ConsoleCreateIssue($input: CreateIssueInput!) {\n    createIssue(input: $input) {\n      issue {\n        id\n      }\n    }\n  }\n': typeof types.ConsoleCreateIssueDocument;
  '\n  mutation ConsoleCloseIssue($input: CloseIssueInput!) {\n    closeIssue(input: $input) {\n      issue {\n        id\n      }\n    }\n  }\n': typeof types.ConsoleCloseIssueDocument;
  '\n  mutation ConsoleChangeMemberRole($input: ChangeMemberRoleInput!) {\n    changeMemberRole(input: $input) {\n      membership {\n        role {\n          name\n        }\n      }\n    }\n  }\n': typeof types.ConsoleChangeMemberRoleDocument;
  '\n  mutation ConsoleRemoveMember($input: RemoveMemberInput!) {\n    removeMember(input: $input) {\n      organization {\n        id\n      }\n    }\n  }\n': typeof types.ConsoleRemoveMemberDocument;
  '\n  query MembersPage($login: String!) {\n    organization(login: $login) {\n      id\n      members(first: 100) {\n        totalCount\n        nodes {\n          user {\n            id\n            login\n            name\n          }\n          role {\n            name\n          }\n        }\n      }\n      customRoles {\n        name\n        resourceType\n        permissions\n      }\n    }\n    builtInRoles {\n      name\n      resourceType\n      permissions\n    }\n  }\n': typeof types.MembersPageDocument;
  '\n  query MyAccessRequests {\n    viewer {\n      id\n      accessRequests(first: 20) {\n        nodes {\n          id\n          permission\n          resourceName\n          reason\n          status\n          createdAt\n          decisionReason\n          grant {\n            id\n            expiresAt\n          }\n        }\n      }\n    }\n  }\n': typeof types.MyAccessRequestsDocument;
  '\n  fragment HeldResource on ResourceAccess {\n    resourceId\n    name\n    permissions {\n      permission\n      via {\n        ...AccessPathFields\n      }\n    }\n  }\n': typeof types.HeldResourceFragmentDoc;
  '\n  query MemberAccessOf($login: String!, $userId: ID!, $after: String) {\n    organization(login: $login) {\n      id\n      accessOf(userId: $userId, first: 25, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...HeldResource\n        }\n      }\n    }\n  }\n': typeof types.MemberAccessOfDocument;
  '\n  mutation ConsoleOffboardMember($input: OffboardMemberInput!) {\n    offboardMember(input: $input) {\n      before {\n        resourceId\n        name\n        permissions {\n          permission\n        }\n      }\n      after {\n        ...HeldResource\n      }\n    }\n  }\n': typeof types.ConsoleOffboardMemberDocument;
  '\n  query OrganizationPage($login: String!, $readMembers: Boolean!, $readBilling: Boolean!, $manageMembers: Boolean!) {\n    organization(login: $login) {\n      id\n      name\n      defaultRepositoryRole\n      pendingRequests: accessRequests(status: PENDING, first: 1) @include(if: $manageMembers) {\n        totalCount\n      }\n      billingEmail @include(if: $readBilling)\n      members(first: 100) @include(if: $readMembers) {\n        totalCount\n        nodes {\n          user {\n            id\n            login\n            name\n          }\n          role {\n            name\n          }\n        }\n      }\n      customRoles @include(if: $readMembers) {\n        id\n        name\n        resourceType\n      }\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n          description\n          viewerRole {\n            name\n          }\n        }\n      }\n    }\n    builtInRoles {\n      name\n      resourceType\n    }\n  }\n': typeof types.OrganizationPageDocument;
  '\n  mutation ConsoleUpdateOrganization($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) {\n      organization {\n        id\n      }\n    }\n  }\n': typeof types.ConsoleUpdateOrganizationDocument;
  '\n  fragment AccessHolders on AccessHolderConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      user {\n        id\n        login\n        name\n      }\n      via {\n        ...AccessPathFields\n      }\n    }\n  }\n': typeof types.AccessHoldersFragmentDoc;
  '\n  query OrganizationPeopleWithAccess($login: String!, $permission: OrganizationPermission!, $first: Int!, $after: String) {\n    organization(login: $login) {\n      id\n      peopleWithAccess(permission: $permission, first: $first, after: $after) {\n        ...AccessHolders\n      }\n    }\n  }\n': typeof types.OrganizationPeopleWithAccessDocument;
  '\n  query RepositoryPeopleWithAccess($owner: String!, $name: String!, $permission: RepositoryPermission!, $first: Int!, $after: String) {\n    repository(owner: $owner, name: $name) {\n      id\n      peopleWithAccess(permission: $permission, first: $first, after: $after) {\n        ...AccessHolders\n      }\n    }\n  }\n': typeof types.RepositoryPeopleWithAccessDocument;
  '\n  query PeopleWithAccessPermissions {\n    permissionCatalog {\n      name\n      resourceType\n      description\n    }\n  }\n': typeof types.PeopleWithAccessPermissionsDocument;
  '\n  query RepositoriesPage($login: String!) {\n    organization(login: $login) {\n      id\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n          description\n          viewerRole {\n            name\n          }\n        }\n      }\n    }\n  }\n': typeof types.RepositoriesPageDocument;
  '\n  query RepositoryFrame($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      name\n      nameWithOwner\n      description\n      viewerPermissions\n      viewerRole {\n        name\n      }\n      organization {\n        id\n      }\n    }\n  }\n': typeof types.RepositoryFrameDocument;
  '\n  subscription RepositoryAccess($id: ID!) {\n    viewerAccessChanged(resourceId: $id) {\n      permissions\n    }\n  }\n': typeof types.RepositoryAccessDocument;
  '\n  query RepositoryCode($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      readme\n    }\n  }\n': typeof types.RepositoryCodeDocument;
  '\n  mutation ConsoleRequestAccess($input: RequestAccessInput!) {\n    requestAccess(input: $input) {\n      accessRequest {\n        id\n        status\n      }\n    }\n  }\n': typeof types.ConsoleRequestAccessDocument;
  '\n  mutation ConsoleCreateCustomRole($input: CreateCustomRoleInput!) {\n    createCustomRole(input: $input) {\n      role {\n        id\n      }\n    }\n  }\n': typeof types.ConsoleCreateCustomRoleDocument;
  '\n  mutation ConsoleUpdateCustomRole($input: UpdateCustomRoleInput!) {\n    updateCustomRole(input: $input) {\n      role {\n        id\n      }\n    }\n  }\n': typeof types.ConsoleUpdateCustomRoleDocument;
  '\n  query RoleReport($login: String!) {\n    organization(login: $login) {\n      id\n      roleReport {\n        unusedCustomRoles {\n          role {\n            id\n            name\n          }\n          holders\n          reason\n        }\n        duplicateRoles {\n          id\n          name\n        }\n        membersWithGrants {\n          user {\n            id\n            login\n          }\n          activeGrants\n        }\n        grantsExpiringSoon {\n          id\n          permission\n          expiresAt\n          user {\n            login\n          }\n        }\n        holdersPerRole {\n          role {\n            id\n            name\n          }\n          holders\n        }\n      }\n    }\n  }\n': typeof types.RoleReportDocument;
  '\n  query RepositoryWorkflowRuns($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      workflowRuns(first: 20) {\n        totalCount\n        nodes {\n          id\n          workflow\n          createdAt\n          triggeredBy {\n            login\n          }\n        }\n      }\n    }\n  }\n': typeof types.RepositoryWorkflowRunsDocument;
  '\n  mutation ConsoleTriggerWorkflow($input: TriggerWorkflowInput!) {\n    triggerWorkflow(input: $input) {\n      workflowRun {\n        id\n      }\n    }\n  }\n': typeof types.ConsoleTriggerWorkflowDocument;
  '\n  mutation ConsoleSignIn($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      accessToken\n      expiresIn\n      refreshToken\n      user {\n        id\n        login\n        name\n      }\n    }\n  }\n': typeof types.ConsoleSignInDocument;
  '\n  mutation ConsoleRenewTokens($refreshToken: String!) {\n    refreshToken(input: { refreshToken: $refreshToken }) {\n      accessToken\n      expiresIn\n      refreshToken\n      user {\n        id\n        login\n        name\n      }\n    }\n  }\n': typeof types.ConsoleRenewTokensDocument;
  '\n  mutation ConsoleSignOut {\n    logout {\n      ok\n    }\n  }\n': typeof types.ConsoleSignOutDocument;
};
const documents: Documents = {
  '\n  query ConsoleUserByLogin($login: String!) {\n    user(login: $login) {\n      id\n      login\n    }\n  }\n':
    types.ConsoleUserByLoginDocument,
  '\n  query OrganizationFrame($login: String!) {\n    organization(login: $login) {\n      id\n      login\n      name\n      viewerPermissions\n      viewerRole {\n        name\n      }\n    }\n  }\n':
    types.OrganizationFrameDocument,
  '\n  subscription OrganizationAccess($id: ID!) {\n    viewerAccessChanged(resourceId: $id) {\n      permissions\n    }\n  }\n':
    types.OrganizationAccessDocument,
  '\n  query AccessPage($login: String!) {\n    organization(login: $login) {\n      id\n      login\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n        }\n      }\n    }\n    permissionCatalog {\n      name\n      resourceType\n      description\n    }\n  }\n':
    types.AccessPageDocument,
  '\n  fragment AccessPathFields on AccessPath {\n    via\n    role\n    expiresAt\n    description\n  }\n':
    types.AccessPathFieldsFragmentDoc,
  '\n  mutation ConsoleApproveAccessRequest($input: ApproveAccessRequestInput!) {\n    approveAccessRequest(input: $input) {\n      accessRequest {\n        id\n        status\n      }\n    }\n  }\n':
    types.ConsoleApproveAccessRequestDocument,
  '\n  mutation ConsoleDenyAccessRequest($input: DenyAccessRequestInput!) {\n    denyAccessRequest(input: $input) {\n      accessRequest {\n        id\n        status\n      }\n    }\n  }\n':
    types.ConsoleDenyAccessRequestDocument,
  '\n  query AccessRequestsPage($login: String!, $status: AccessRequestStatus!) {\n    organization(login: $login) {\n      id\n      accessRequests(status: $status, first: 50) {\n        totalCount\n        nodes {\n          id\n          permission\n          resourceName\n          reason\n          status\n          createdAt\n          decidedAt\n          decisionReason\n          requester {\n            id\n            login\n            name\n          }\n          decidedBy {\n            login\n          }\n          grant {\n            id\n            expiresAt\n          }\n        }\n      }\n    }\n  }\n':
    types.AccessRequestsPageDocument,
  '\n  subscription AccessRequestEvents($organizationId: ID!) {\n    accessRequestEvents(organizationId: $organizationId) {\n      id\n    }\n  }\n':
    types.AccessRequestEventsDocument,
  '\n  fragment AccessReviewSummary on AccessReview {\n    id\n    startedAt\n    dueAt\n    whenUndecided\n    status\n    closedAt\n    startedBy {\n      login\n    }\n    progress {\n      total\n      kept\n      revoked\n      undecided\n    }\n  }\n':
    types.AccessReviewSummaryFragmentDoc,
  '\n  fragment AccessReviewItemFields on AccessReviewItem {\n    id\n    kind\n    resourceType\n    resourceName\n    role\n    customRole\n    permission\n    expiresAt\n    description\n    changedSinceSnapshot\n    current\n    decision\n    decidedByName\n    decidedAt\n    note\n    removed\n    user {\n      id\n      login\n      name\n    }\n  }\n':
    types.AccessReviewItemFieldsFragmentDoc,
  '\n  query AccessReviews($login: String!, $first: Int!, $after: String) {\n    organization(login: $login) {\n      id\n      accessReviews(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...AccessReviewSummary\n          }\n        }\n      }\n    }\n  }\n':
    types.AccessReviewsDocument,
  '\n  query AccessReviewItems($login: String!, $id: ID!, $decision: AccessReviewItemFilter, $first: Int!, $after: String) {\n    organization(login: $login) {\n      id\n      accessReview(id: $id) {\n        ...AccessReviewSummary\n        items(decision: $decision, first: $first, after: $after) {\n          totalCount\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          nodes {\n            ...AccessReviewItemFields\n          }\n        }\n      }\n    }\n  }\n':
    types.AccessReviewItemsDocument,
  '\n  mutation ConsoleStartAccessReview($input: StartAccessReviewInput!) {\n    startAccessReview(input: $input) {\n      accessReview {\n        id\n      }\n    }\n  }\n':
    types.ConsoleStartAccessReviewDocument,
  '\n  mutation ConsoleDecideAccessReviewItem($input: DecideAccessReviewItemInput!) {\n    decideAccessReviewItem(input: $input) {\n      item {\n        ...AccessReviewItemFields\n      }\n    }\n  }\n':
    types.ConsoleDecideAccessReviewItemDocument,
  '\n  mutation ConsoleAddMember($input: AddMemberInput!) {\n    addMember(input: $input) {\n      membership {\n        role {\n          name\n        }\n      }\n    }\n  }\n':
    types.ConsoleAddMemberDocument,
  '\n  query AuditLogPage($login: String!, $first: Int!, $after: String, $filter: AuditLogFilter) {\n    organization(login: $login) {\n      id\n      auditLog(first: $first, after: $after, filter: $filter) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          action\n          createdAt\n          resourceType\n          resourceId\n          before\n          after\n          requestId\n          actor {\n            id\n            login\n          }\n          targetUser {\n            id\n            login\n          }\n        }\n      }\n    }\n  }\n':
    types.AuditLogPageDocument,
  '\n  subscription AuditLogEntries($organizationId: ID!) {\n    auditLogEntries(organizationId: $organizationId) {\n      id\n    }\n  }\n':
    types.AuditLogEntriesDocument,
  '\n  query RepositoryCollaborators($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      viewerPermissions\n      collaborators {\n        user {\n          id\n          login\n          name\n        }\n        role {\n          name\n        }\n      }\n    }\n    organization(login: $owner) {\n      id\n      customRoles {\n        name\n        resourceType\n        permissions\n      }\n    }\n    builtInRoles {\n      name\n      resourceType\n      permissions\n    }\n  }\n':
    types.RepositoryCollaboratorsDocument,
  '\n  mutation ConsoleAssignRepositoryRole($input: AssignRepositoryRoleInput!) {\n    assignRepositoryRole(input: $input) {\n      repository {\n        id\n      }\n    }\n  }\n':
    types.ConsoleAssignRepositoryRoleDocument,
  '\n  mutation ConsoleRemoveRepositoryRole($input: RemoveRepositoryRoleInput!) {\n    removeRepositoryRole(input: $input) {\n      repository {\n        id\n      }\n    }\n  }\n':
    types.ConsoleRemoveRepositoryRoleDocument,
  '\n  mutation ConsoleDeleteCustomRole($input: DeleteCustomRoleInput!) {\n    deleteCustomRole(input: $input) {\n      organization {\n        id\n      }\n    }\n  }\n':
    types.ConsoleDeleteCustomRoleDocument,
  '\n  query CustomRolesPage($login: String!) {\n    organization(login: $login) {\n      id\n      customRoles {\n        id\n        name\n        description\n        resourceType\n        permissions\n      }\n      roleReport {\n        holdersPerRole {\n          role {\n            id\n          }\n          holders\n        }\n      }\n    }\n    builtInRoles {\n      name\n      resourceType\n    }\n    permissionCatalog {\n      name\n      resourceType\n      description\n    }\n  }\n':
    types.CustomRolesPageDocument,
  '\n  query ExceptionsPage($login: String!) {\n    organization(login: $login) {\n      id\n      login\n      grants {\n        id\n        permission\n        resourceType\n        resourceId\n        reason\n        expiresAt\n        createdAt\n        user {\n          id\n          login\n        }\n        grantedBy {\n          login\n        }\n      }\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n        }\n      }\n    }\n    permissionCatalog {\n      name\n      resourceType\n      description\n    }\n  }\n':
    types.ExceptionsPageDocument,
  '\n  mutation ConsoleRevokeGrant($input: RevokeGrantInput!) {\n    revokeGrant(input: $input) {\n      grant {\n        id\n      }\n    }\n  }\n':
    types.ConsoleRevokeGrantDocument,
  '\n  query ExplainAccess($userId: ID!, $permission: String!, $resourceId: ID!) {\n    explainAccess(userId: $userId, permission: $permission, resourceId: $resourceId) {\n      allowed\n      outcome\n      permission\n      reason\n      path {\n        role\n        via\n        permissions\n        description\n      }\n    }\n  }\n':
    types.ExplainAccessDocument,
  '\n  mutation ConsoleGrantPermission($input: GrantPermissionInput!) {\n    grantPermission(input: $input) {\n      grant {\n        id\n      }\n    }\n  }\n':
    types.ConsoleGrantPermissionDocument,
  '\n  query HomePage {\n    viewer {\n      id\n      login\n      name\n      organizations {\n        organization {\n          id\n          login\n          name\n        }\n        role {\n          name\n        }\n      }\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n          nameWithOwner\n          description\n          viewerRole {\n            name\n          }\n        }\n      }\n    }\n  }\n':
    types.HomePageDocument,
  '\n  query RepositoryIssues($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      issues(first: 50) {\n        totalCount\n        nodes {\n          id\n          number\n          title\n          state\n          author {\n            login\n          }\n          canClose: viewerCan(action: close)\n        }\n      }\n    }\n  }\n':
    types.RepositoryIssuesDocument,
  '\n  mutation ConsoleCreateIssue($input: CreateIssueInput!) {\n    createIssue(input: $input) {\n      issue {\n        id\n      }\n    }\n  }\n':
    types.ConsoleCreateIssueDocument,
  '\n  mutation ConsoleCloseIssue($input: CloseIssueInput!) {\n    closeIssue(input: $input) {\n      issue {\n        id\n      }\n    }\n  }\n':
    types.ConsoleCloseIssueDocument,
  '\n  mutation ConsoleChangeMemberRole($input: ChangeMemberRoleInput!) {\n    changeMemberRole(input: $input) {\n      membership {\n        role {\n          name\n        }\n      }\n    }\n  }\n':
    types.ConsoleChangeMemberRoleDocument,
  '\n  mutation ConsoleRemoveMember($input: RemoveMemberInput!) {\n    removeMember(input: $input) {\n      organization {\n        id\n      }\n    }\n  }\n':
    types.ConsoleRemoveMemberDocument,
  '\n  query MembersPage($login: String!) {\n    organization(login: $login) {\n      id\n      members(first: 100) {\n        totalCount\n        nodes {\n          user {\n            id\n            login\n            name\n          }\n          role {\n            name\n          }\n        }\n      }\n      customRoles {\n        name\n        resourceType\n        permissions\n      }\n    }\n    builtInRoles {\n      name\n      resourceType\n      permissions\n    }\n  }\n':
    types.MembersPageDocument,
  '\n  query MyAccessRequests {\n    viewer {\n      id\n      accessRequests(first: 20) {\n        nodes {\n          id\n          permission\n          resourceName\n          reason\n          status\n          createdAt\n          decisionReason\n          grant {\n            id\n            expiresAt\n          }\n        }\n      }\n    }\n  }\n':
    types.MyAccessRequestsDocument,
  '\n  fragment HeldResource on ResourceAccess {\n    resourceId\n    name\n    permissions {\n      permission\n      via {\n        ...AccessPathFields\n      }\n    }\n  }\n':
    types.HeldResourceFragmentDoc,
  '\n  query MemberAccessOf($login: String!, $userId: ID!, $after: String) {\n    organization(login: $login) {\n      id\n      accessOf(userId: $userId, first: 25, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...HeldResource\n        }\n      }\n    }\n  }\n':
    types.MemberAccessOfDocument,
  '\n  mutation ConsoleOffboardMember($input: OffboardMemberInput!) {\n    offboardMember(input: $input) {\n      before {\n        resourceId\n        name\n        permissions {\n          permission\n        }\n      }\n      after {\n        ...HeldResource\n      }\n    }\n  }\n':
    types.ConsoleOffboardMemberDocument,
  '\n  query OrganizationPage($login: String!, $readMembers: Boolean!, $readBilling: Boolean!, $manageMembers: Boolean!) {\n    organization(login: $login) {\n      id\n      name\n      defaultRepositoryRole\n      pendingRequests: accessRequests(status: PENDING, first: 1) @include(if: $manageMembers) {\n        totalCount\n      }\n      billingEmail @include(if: $readBilling)\n      members(first: 100) @include(if: $readMembers) {\n        totalCount\n        nodes {\n          user {\n            id\n            login\n            name\n          }\n          role {\n            name\n          }\n        }\n      }\n      customRoles @include(if: $readMembers) {\n        id\n        name\n        resourceType\n      }\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n          description\n          viewerRole {\n            name\n          }\n        }\n      }\n    }\n    builtInRoles {\n      name\n      resourceType\n    }\n  }\n':
    types.OrganizationPageDocument,
  '\n  mutation ConsoleUpdateOrganization($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) {\n      organization {\n        id\n      }\n    }\n  }\n':
    types.ConsoleUpdateOrganizationDocument,
  '\n  fragment AccessHolders on AccessHolderConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      user {\n        id\n        login\n        name\n      }\n      via {\n        ...AccessPathFields\n      }\n    }\n  }\n':
    types.AccessHoldersFragmentDoc,
  '\n  query OrganizationPeopleWithAccess($login: String!, $permission: OrganizationPermission!, $first: Int!, $after: String) {\n    organization(login: $login) {\n      id\n      peopleWithAccess(permission: $permission, first: $first, after: $after) {\n        ...AccessHolders\n      }\n    }\n  }\n':
    types.OrganizationPeopleWithAccessDocument,
  '\n  query RepositoryPeopleWithAccess($owner: String!, $name: String!, $permission: RepositoryPermission!, $first: Int!, $after: String) {\n    repository(owner: $owner, name: $name) {\n      id\n      peopleWithAccess(permission: $permission, first: $first, after: $after) {\n        ...AccessHolders\n      }\n    }\n  }\n':
    types.RepositoryPeopleWithAccessDocument,
  '\n  query PeopleWithAccessPermissions {\n    permissionCatalog {\n      name\n      resourceType\n      description\n    }\n  }\n':
    types.PeopleWithAccessPermissionsDocument,
  '\n  query RepositoriesPage($login: String!) {\n    organization(login: $login) {\n      id\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n          description\n          viewerRole {\n            name\n          }\n        }\n      }\n    }\n  }\n':
    types.RepositoriesPageDocument,
  '\n  query RepositoryFrame($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      name\n      nameWithOwner\n      description\n      viewerPermissions\n      viewerRole {\n        name\n      }\n      organization {\n        id\n      }\n    }\n  }\n':
    types.RepositoryFrameDocument,
  '\n  subscription RepositoryAccess($id: ID!) {\n    viewerAccessChanged(resourceId: $id) {\n      permissions\n    }\n  }\n':
    types.RepositoryAccessDocument,
  '\n  query RepositoryCode($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      readme\n    }\n  }\n':
    types.RepositoryCodeDocument,
  '\n  mutation ConsoleRequestAccess($input: RequestAccessInput!) {\n    requestAccess(input: $input) {\n      accessRequest {\n        id\n        status\n      }\n    }\n  }\n':
    types.ConsoleRequestAccessDocument,
  '\n  mutation ConsoleCreateCustomRole($input: CreateCustomRoleInput!) {\n    createCustomRole(input: $input) {\n      role {\n        id\n      }\n    }\n  }\n':
    types.ConsoleCreateCustomRoleDocument,
  '\n  mutation ConsoleUpdateCustomRole($input: UpdateCustomRoleInput!) {\n    updateCustomRole(input: $input) {\n      role {\n        id\n      }\n    }\n  }\n':
    types.ConsoleUpdateCustomRoleDocument,
  '\n  query RoleReport($login: String!) {\n    organization(login: $login) {\n      id\n      roleReport {\n        unusedCustomRoles {\n          role {\n            id\n            name\n          }\n          holders\n          reason\n        }\n        duplicateRoles {\n          id\n          name\n        }\n        membersWithGrants {\n          user {\n            id\n            login\n          }\n          activeGrants\n        }\n        grantsExpiringSoon {\n          id\n          permission\n          expiresAt\n          user {\n            login\n          }\n        }\n        holdersPerRole {\n          role {\n            id\n            name\n          }\n          holders\n        }\n      }\n    }\n  }\n':
    types.RoleReportDocument,
  '\n  query RepositoryWorkflowRuns($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      workflowRuns(first: 20) {\n        totalCount\n        nodes {\n          id\n          workflow\n          createdAt\n          triggeredBy {\n            login\n          }\n        }\n      }\n    }\n  }\n':
    types.RepositoryWorkflowRunsDocument,
  '\n  mutation ConsoleTriggerWorkflow($input: TriggerWorkflowInput!) {\n    triggerWorkflow(input: $input) {\n      workflowRun {\n        id\n      }\n    }\n  }\n':
    types.ConsoleTriggerWorkflowDocument,
  '\n  mutation ConsoleSignIn($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      accessToken\n      expiresIn\n      refreshToken\n      user {\n        id\n        login\n        name\n      }\n    }\n  }\n':
    types.ConsoleSignInDocument,
  '\n  mutation ConsoleRenewTokens($refreshToken: String!) {\n    refreshToken(input: { refreshToken: $refreshToken }) {\n      accessToken\n      expiresIn\n      refreshToken\n      user {\n        id\n        login\n        name\n      }\n    }\n  }\n':
    types.ConsoleRenewTokensDocument,
  '\n  mutation ConsoleSignOut {\n    logout {\n      ok\n    }\n  }\n': types.ConsoleSignOutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ConsoleUserByLogin($login: String!) {\n    user(login: $login) {\n      id\n      login\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleUserByLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query OrganizationFrame($login: String!) {\n    organization(login: $login) {\n      id\n      login\n      name\n      viewerPermissions\n      viewerRole {\n        name\n      }\n    }\n  }\n',
): typeof import('./graphql.js').OrganizationFrameDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription OrganizationAccess($id: ID!) {\n    viewerAccessChanged(resourceId: $id) {\n      permissions\n    }\n  }\n',
): typeof import('./graphql.js').OrganizationAccessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query AccessPage($login: String!) {\n    organization(login: $login) {\n      id\n      login\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n        }\n      }\n    }\n    permissionCatalog {\n      name\n      resourceType\n      description\n    }\n  }\n',
): typeof import('./graphql.js').AccessPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment AccessPathFields on AccessPath {\n    via\n    role\n    expiresAt\n    description\n  }\n',
): typeof import('./graphql.js').AccessPathFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleApproveAccessRequest($input: ApproveAccessRequestInput!) {\n    approveAccessRequest(input: $input) {\n      accessRequest {\n        id\n        status\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleApproveAccessRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleDenyAccessRequest($input: DenyAccessRequestInput!) {\n    denyAccessRequest(input: $input) {\n      accessRequest {\n        id\n        status\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleDenyAccessRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query AccessRequestsPage($login: String!, $status: AccessRequestStatus!) {\n    organization(login: $login) {\n      id\n      accessRequests(status: $status, first: 50) {\n        totalCount\n        nodes {\n          id\n          permission\n          resourceName\n          reason\n          status\n          createdAt\n          decidedAt\n          decisionReason\n          requester {\n            id\n            login\n            name\n          }\n          decidedBy {\n            login\n          }\n          grant {\n            id\n            expiresAt\n          }\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').AccessRequestsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription AccessRequestEvents($organizationId: ID!) {\n    accessRequestEvents(organizationId: $organizationId) {\n      id\n    }\n  }\n',
): typeof import('./graphql.js').AccessRequestEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment AccessReviewSummary on AccessReview {\n    id\n    startedAt\n    dueAt\n    whenUndecided\n    status\n    closedAt\n    startedBy {\n      login\n    }\n    progress {\n      total\n      kept\n      revoked\n      undecided\n    }\n  }\n',
): typeof import('./graphql.js').AccessReviewSummaryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment AccessReviewItemFields on AccessReviewItem {\n    id\n    kind\n    resourceType\n    resourceName\n    role\n    customRole\n    permission\n    expiresAt\n    description\n    changedSinceSnapshot\n    current\n    decision\n    decidedByName\n    decidedAt\n    note\n    removed\n    user {\n      id\n      login\n      name\n    }\n  }\n',
): typeof import('./graphql.js').AccessReviewItemFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query AccessReviews($login: String!, $first: Int!, $after: String) {\n    organization(login: $login) {\n      id\n      accessReviews(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...AccessReviewSummary\n          }\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').AccessReviewsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query AccessReviewItems($login: String!, $id: ID!, $decision: AccessReviewItemFilter, $first: Int!, $after: String) {\n    organization(login: $login) {\n      id\n      accessReview(id: $id) {\n        ...AccessReviewSummary\n        items(decision: $decision, first: $first, after: $after) {\n          totalCount\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          nodes {\n            ...AccessReviewItemFields\n          }\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').AccessReviewItemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleStartAccessReview($input: StartAccessReviewInput!) {\n    startAccessReview(input: $input) {\n      accessReview {\n        id\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleStartAccessReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleDecideAccessReviewItem($input: DecideAccessReviewItemInput!) {\n    decideAccessReviewItem(input: $input) {\n      item {\n        ...AccessReviewItemFields\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleDecideAccessReviewItemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleAddMember($input: AddMemberInput!) {\n    addMember(input: $input) {\n      membership {\n        role {\n          name\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleAddMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query AuditLogPage($login: String!, $first: Int!, $after: String, $filter: AuditLogFilter) {\n    organization(login: $login) {\n      id\n      auditLog(first: $first, after: $after, filter: $filter) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          action\n          createdAt\n          resourceType\n          resourceId\n          before\n          after\n          requestId\n          actor {\n            id\n            login\n          }\n          targetUser {\n            id\n            login\n          }\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').AuditLogPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription AuditLogEntries($organizationId: ID!) {\n    auditLogEntries(organizationId: $organizationId) {\n      id\n    }\n  }\n',
): typeof import('./graphql.js').AuditLogEntriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query RepositoryCollaborators($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      viewerPermissions\n      collaborators {\n        user {\n          id\n          login\n          name\n        }\n        role {\n          name\n        }\n      }\n    }\n    organization(login: $owner) {\n      id\n      customRoles {\n        name\n        resourceType\n        permissions\n      }\n    }\n    builtInRoles {\n      name\n      resourceType\n      permissions\n    }\n  }\n',
): typeof import('./graphql.js').RepositoryCollaboratorsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleAssignRepositoryRole($input: AssignRepositoryRoleInput!) {\n    assignRepositoryRole(input: $input) {\n      repository {\n        id\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleAssignRepositoryRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleRemoveRepositoryRole($input: RemoveRepositoryRoleInput!) {\n    removeRepositoryRole(input: $input) {\n      repository {\n        id\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleRemoveRepositoryRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleDeleteCustomRole($input: DeleteCustomRoleInput!) {\n    deleteCustomRole(input: $input) {\n      organization {\n        id\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleDeleteCustomRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CustomRolesPage($login: String!) {\n    organization(login: $login) {\n      id\n      customRoles {\n        id\n        name\n        description\n        resourceType\n        permissions\n      }\n      roleReport {\n        holdersPerRole {\n          role {\n            id\n          }\n          holders\n        }\n      }\n    }\n    builtInRoles {\n      name\n      resourceType\n    }\n    permissionCatalog {\n      name\n      resourceType\n      description\n    }\n  }\n',
): typeof import('./graphql.js').CustomRolesPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ExceptionsPage($login: String!) {\n    organization(login: $login) {\n      id\n      login\n      grants {\n        id\n        permission\n        resourceType\n        resourceId\n        reason\n        expiresAt\n        createdAt\n        user {\n          id\n          login\n        }\n        grantedBy {\n          login\n        }\n      }\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n        }\n      }\n    }\n    permissionCatalog {\n      name\n      resourceType\n      description\n    }\n  }\n',
): typeof import('./graphql.js').ExceptionsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleRevokeGrant($input: RevokeGrantInput!) {\n    revokeGrant(input: $input) {\n      grant {\n        id\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleRevokeGrantDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ExplainAccess($userId: ID!, $permission: String!, $resourceId: ID!) {\n    explainAccess(userId: $userId, permission: $permission, resourceId: $resourceId) {\n      allowed\n      outcome\n      permission\n      reason\n      path {\n        role\n        via\n        permissions\n        description\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ExplainAccessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleGrantPermission($input: GrantPermissionInput!) {\n    grantPermission(input: $input) {\n      grant {\n        id\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleGrantPermissionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query HomePage {\n    viewer {\n      id\n      login\n      name\n      organizations {\n        organization {\n          id\n          login\n          name\n        }\n        role {\n          name\n        }\n      }\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n          nameWithOwner\n          description\n          viewerRole {\n            name\n          }\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').HomePageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query RepositoryIssues($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      issues(first: 50) {\n        totalCount\n        nodes {\n          id\n          number\n          title\n          state\n          author {\n            login\n          }\n          canClose: viewerCan(action: close)\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').RepositoryIssuesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleCreateIssue($input: CreateIssueInput!) {\n    createIssue(input: $input) {\n      issue {\n        id\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleCreateIssueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleCloseIssue($input: CloseIssueInput!) {\n    closeIssue(input: $input) {\n      issue {\n        id\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleCloseIssueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleChangeMemberRole($input: ChangeMemberRoleInput!) {\n    changeMemberRole(input: $input) {\n      membership {\n        role {\n          name\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleChangeMemberRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleRemoveMember($input: RemoveMemberInput!) {\n    removeMember(input: $input) {\n      organization {\n        id\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleRemoveMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MembersPage($login: String!) {\n    organization(login: $login) {\n      id\n      members(first: 100) {\n        totalCount\n        nodes {\n          user {\n            id\n            login\n            name\n          }\n          role {\n            name\n          }\n        }\n      }\n      customRoles {\n        name\n        resourceType\n        permissions\n      }\n    }\n    builtInRoles {\n      name\n      resourceType\n      permissions\n    }\n  }\n',
): typeof import('./graphql.js').MembersPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MyAccessRequests {\n    viewer {\n      id\n      accessRequests(first: 20) {\n        nodes {\n          id\n          permission\n          resourceName\n          reason\n          status\n          createdAt\n          decisionReason\n          grant {\n            id\n            expiresAt\n          }\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').MyAccessRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment HeldResource on ResourceAccess {\n    resourceId\n    name\n    permissions {\n      permission\n      via {\n        ...AccessPathFields\n      }\n    }\n  }\n',
): typeof import('./graphql.js').HeldResourceFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MemberAccessOf($login: String!, $userId: ID!, $after: String) {\n    organization(login: $login) {\n      id\n      accessOf(userId: $userId, first: 25, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...HeldResource\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').MemberAccessOfDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleOffboardMember($input: OffboardMemberInput!) {\n    offboardMember(input: $input) {\n      before {\n        resourceId\n        name\n        permissions {\n          permission\n        }\n      }\n      after {\n        ...HeldResource\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleOffboardMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query OrganizationPage($login: String!, $readMembers: Boolean!, $readBilling: Boolean!, $manageMembers: Boolean!) {\n    organization(login: $login) {\n      id\n      name\n      defaultRepositoryRole\n      pendingRequests: accessRequests(status: PENDING, first: 1) @include(if: $manageMembers) {\n        totalCount\n      }\n      billingEmail @include(if: $readBilling)\n      members(first: 100) @include(if: $readMembers) {\n        totalCount\n        nodes {\n          user {\n            id\n            login\n            name\n          }\n          role {\n            name\n          }\n        }\n      }\n      customRoles @include(if: $readMembers) {\n        id\n        name\n        resourceType\n      }\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n          description\n          viewerRole {\n            name\n          }\n        }\n      }\n    }\n    builtInRoles {\n      name\n      resourceType\n    }\n  }\n',
): typeof import('./graphql.js').OrganizationPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleUpdateOrganization($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) {\n      organization {\n        id\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleUpdateOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment AccessHolders on AccessHolderConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      user {\n        id\n        login\n        name\n      }\n      via {\n        ...AccessPathFields\n      }\n    }\n  }\n',
): typeof import('./graphql.js').AccessHoldersFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query OrganizationPeopleWithAccess($login: String!, $permission: OrganizationPermission!, $first: Int!, $after: String) {\n    organization(login: $login) {\n      id\n      peopleWithAccess(permission: $permission, first: $first, after: $after) {\n        ...AccessHolders\n      }\n    }\n  }\n',
): typeof import('./graphql.js').OrganizationPeopleWithAccessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query RepositoryPeopleWithAccess($owner: String!, $name: String!, $permission: RepositoryPermission!, $first: Int!, $after: String) {\n    repository(owner: $owner, name: $name) {\n      id\n      peopleWithAccess(permission: $permission, first: $first, after: $after) {\n        ...AccessHolders\n      }\n    }\n  }\n',
): typeof import('./graphql.js').RepositoryPeopleWithAccessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query PeopleWithAccessPermissions {\n    permissionCatalog {\n      name\n      resourceType\n      description\n    }\n  }\n',
): typeof import('./graphql.js').PeopleWithAccessPermissionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query RepositoriesPage($login: String!) {\n    organization(login: $login) {\n      id\n      repositories(first: 100) {\n        nodes {\n          id\n          name\n          description\n          viewerRole {\n            name\n          }\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').RepositoriesPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query RepositoryFrame($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      name\n      nameWithOwner\n      description\n      viewerPermissions\n      viewerRole {\n        name\n      }\n      organization {\n        id\n      }\n    }\n  }\n',
): typeof import('./graphql.js').RepositoryFrameDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription RepositoryAccess($id: ID!) {\n    viewerAccessChanged(resourceId: $id) {\n      permissions\n    }\n  }\n',
): typeof import('./graphql.js').RepositoryAccessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query RepositoryCode($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      readme\n    }\n  }\n',
): typeof import('./graphql.js').RepositoryCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleRequestAccess($input: RequestAccessInput!) {\n    requestAccess(input: $input) {\n      accessRequest {\n        id\n        status\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleRequestAccessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleCreateCustomRole($input: CreateCustomRoleInput!) {\n    createCustomRole(input: $input) {\n      role {\n        id\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleCreateCustomRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleUpdateCustomRole($input: UpdateCustomRoleInput!) {\n    updateCustomRole(input: $input) {\n      role {\n        id\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleUpdateCustomRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query RoleReport($login: String!) {\n    organization(login: $login) {\n      id\n      roleReport {\n        unusedCustomRoles {\n          role {\n            id\n            name\n          }\n          holders\n          reason\n        }\n        duplicateRoles {\n          id\n          name\n        }\n        membersWithGrants {\n          user {\n            id\n            login\n          }\n          activeGrants\n        }\n        grantsExpiringSoon {\n          id\n          permission\n          expiresAt\n          user {\n            login\n          }\n        }\n        holdersPerRole {\n          role {\n            id\n            name\n          }\n          holders\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').RoleReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query RepositoryWorkflowRuns($owner: String!, $name: String!) {\n    repository(owner: $owner, name: $name) {\n      id\n      workflowRuns(first: 20) {\n        totalCount\n        nodes {\n          id\n          workflow\n          createdAt\n          triggeredBy {\n            login\n          }\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').RepositoryWorkflowRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleTriggerWorkflow($input: TriggerWorkflowInput!) {\n    triggerWorkflow(input: $input) {\n      workflowRun {\n        id\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleTriggerWorkflowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleSignIn($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      accessToken\n      expiresIn\n      refreshToken\n      user {\n        id\n        login\n        name\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleSignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleRenewTokens($refreshToken: String!) {\n    refreshToken(input: { refreshToken: $refreshToken }) {\n      accessToken\n      expiresIn\n      refreshToken\n      user {\n        id\n        login\n        name\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleRenewTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleSignOut {\n    logout {\n      ok\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleSignOutDocument;

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
