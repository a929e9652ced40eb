/** Every entity of the GitClub domain, in one list for the ORM. */
export { AccessRequestEntity } from './access-request.entity.js';
export { AccessReviewEntity } from './access-review.entity.js';
export { AccessReviewItemEntity } from './access-review-item.entity.js';
export { AuditLogEntryEntity } from './audit-log-entry.entity.js';
export { AuthzDisagreementEntity } from './authz-disagreement.entity.js';
export { LegacyPermissionFlagEntity } from './legacy-permission-flag.entity.js';
export { IssueEntity } from './issue.entity.js';
export { OrganizationEntity } from './organization.entity.js';
export { PermissionEntity } from './permission.entity.js';
export { PermissionGrantEntity } from './permission-grant.entity.js';
export { RefreshTokenEntity } from './refresh-token.entity.js';
export { RepositoryEntity } from './repository.entity.js';
export { RoleAssignmentEntity } from './role-assignment.entity.js';
export { RoleEntity } from './role.entity.js';
export { UserEntity } from './user.entity.js';
export { WorkflowRunEntity } from './workflow-run.entity.js';
import { AccessRequestEntity } from './access-request.entity.js';
import { AccessReviewEntity } from './access-review.entity.js';
import { AccessReviewItemEntity } from './access-review-item.entity.js';
import { AuditLogEntryEntity } from './audit-log-entry.entity.js';
import { AuthzDisagreementEntity } from './authz-disagreement.entity.js';
import { LegacyPermissionFlagEntity } from './legacy-permission-flag.entity.js';
import { IssueEntity } from './issue.entity.js';
import { OrganizationEntity } from './organization.entity.js';
import { PermissionEntity } from './permission.entity.js';
import { PermissionGrantEntity } from './permission-grant.entity.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { RepositoryEntity } from './repository.entity.js';
import { RoleAssignmentEntity } from './role-assignment.entity.js';
import { RoleEntity } from './role.entity.js';
import { UserEntity } from './user.entity.js';
import { WorkflowRunEntity } from './workflow-run.entity.js';

/** The list handed to the ORM configuration. */
export const entities = [
  UserEntity,
  OrganizationEntity,
  RepositoryEntity,
  IssueEntity,
  WorkflowRunEntity,
  PermissionEntity,
  RoleEntity,
  RoleAssignmentEntity,
  AuditLogEntryEntity,
  RefreshTokenEntity,
  PermissionGrantEntity,
  LegacyPermissionFlagEntity,
  AuthzDisagreementEntity,
  AccessRequestEntity,
  AccessReviewEntity,
  AccessReviewItemEntity,
];
