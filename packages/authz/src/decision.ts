import type { AccessGrant } from './viewer-access.js';

/** The outcome of one check, with the reason, so callers can explain it. */
export type Decision =
  | { readonly outcome: 'allow'; readonly grant: AccessGrant }
  | { readonly outcome: 'not_found' }
  | { readonly outcome: 'forbidden'; readonly held: readonly AccessGrant[] };
