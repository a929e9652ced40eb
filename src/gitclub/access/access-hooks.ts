/** What access sources report while deciding, for the request to act on. */
export interface AccessHooks {
  /** A tenant's organization was read only through platform support: it must leave an audit entry there. */
  onSupportRead(organizationId: string): Promise<void>;
}

/** Hooks that report nowhere. */
export const noAccessHooks: AccessHooks = { onSupportRead: async () => {} };
