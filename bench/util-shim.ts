/**
 * `util` as graphql-shield 7.6.5 expects it: it imports `isUndefined`, which Node 23 removed, so
 * the published package cannot load on Node 24. The bench bundles graphql-shield with `util`
 * pointed here, so the shield server runs on both Node versions the bench reports.
 */
export * from 'node:util';

/** The helper Node removed: true for undefined only. */
export function isUndefined(value: unknown): value is undefined {
  return value === undefined;
}
