import { useOrganization } from '../layout/organization-context.js';
import { RequestAccess } from './request-access.js';

/**
 * What an organization page shows instead of its content when the viewer lacks the permission
 * that guards it (reached by its address; the navigation offers no link there): a sentence
 * naming the permission, and "Request access" to ask for it.
 */
export function MissingPermission({ action, what }: { action: string; what: string }) {
  const organization = useOrganization();
  const permission = `${action}:organization`;
  return (
    <>
      <p>
        You cannot {what} in {organization.name}: that needs the permission <code>{permission}</code>.
      </p>
      <RequestAccess permission={permission} resourceId={organization.id} resourceName={organization.login} />
    </>
  );
}
