/** A check to run: which permission on which resource. */
export interface Check {
  readonly permission: string;
  readonly resourceType: string;
  readonly resourceId: string;
}

/** Where a check happens: a schema coordinate and the operation, for logs and disagreement records. */
export interface CheckSite {
  readonly coordinate: string;
  readonly operationName: string | undefined;
}

/** What was refused and where, for logs and metrics. */
export interface Denial extends Check {
  /** The schema coordinate whose check refused (`Repository.readme`), or `resolver:<permission>` for a resolver's own check. */
  readonly coordinate: string;
  readonly outcome: 'not_found' | 'forbidden';
}
