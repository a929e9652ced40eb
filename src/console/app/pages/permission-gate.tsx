import type { ReactNode } from 'react';
import { useOrganization } from '../layout/organization-context.js';
import { MissingPermission } from './missing-permission.js';

/**
 * Shows an organization page only to viewers holding the permission that guards it; others (who
 * reached it by its address) get a sentence and "Request access", never controls the API would refuse.
 */
export function PermissionGate({ title, action, what, children }: { title: string; action: string; what: string; children: ReactNode }) {
  const { may } = useOrganization();
  if (may.has(action)) return <>{children}</>;
  return (
    <section aria-labelledby="missing-permission-heading">
      <h1 id="missing-permission-heading">{title}</h1>
      <MissingPermission action={action} what={what} />
    </section>
  );
}
