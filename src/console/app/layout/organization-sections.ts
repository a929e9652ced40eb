/** An organization page: its route segment, its name in the navigation, and the permission that guards it. */
export interface OrganizationSection {
  readonly page:
    'organization' | 'members' | 'roles' | 'repositories' | 'exceptions' | 'audit-log' | 'access-requests' | 'access-reviews' | 'access';
  /** The route segment below `/orgs/<login>` ('' for the overview). */
  readonly segment: string;
  readonly label: string;
  /** The organization permission (by action) the page needs, and what it lets one do, in words. */
  readonly needs?: { readonly action: string; readonly what: string };
}

/**
 * The organization pages, in navigation order: one table that decides both which links the
 * navigation shows and what a page reached by its address without the permission says instead.
 */
export const organizationSections: readonly OrganizationSection[] = [
  { page: 'organization', segment: '', label: 'Overview' },
  { page: 'members', segment: 'members', label: 'Members', needs: { action: 'read_members', what: 'see the members' } },
  { page: 'roles', segment: 'roles', label: 'Custom roles', needs: { action: 'manage_roles', what: 'manage custom roles' } },
  { page: 'repositories', segment: 'repositories', label: 'Repositories' },
  { page: 'exceptions', segment: 'exceptions', label: 'Exceptions', needs: { action: 'manage_members', what: 'manage exceptions' } },
  { page: 'audit-log', segment: 'audit-log', label: 'Audit log', needs: { action: 'read_audit_log', what: 'read the audit log' } },
  {
    page: 'access-requests',
    segment: 'access-requests',
    label: 'Access requests',
    needs: { action: 'manage_members', what: 'decide access requests' },
  },
  {
    page: 'access-reviews',
    segment: 'access-reviews',
    label: 'Access reviews',
    needs: { action: 'review_access', what: 'review access' },
  },
  { page: 'access', segment: 'access', label: 'Access' },
];
