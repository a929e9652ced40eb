import { useEffect } from 'react';
import type { TypedDocumentString } from '../gql/graphql.js';
import { subscribeLive } from './live-client.js';

/**
 * Keeps a page current: while it shows (and `skip` is false), runs the typed subscription and
 * calls `onEvent` at each event it sends, when it ends (the viewer lost what it watched), and when
 * it runs again after the access token's expiry, so the page asks its query again and shows what
 * the viewer may see and do now.
 */
export function useLiveReload<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  onEvent: () => void,
  { skip = false }: { skip?: boolean } = {},
): void {
  // Compared by value: callers pass a new object literal on every render.
  const variablesJson = JSON.stringify(variables);
  useEffect(() => {
    if (skip) return undefined;
    return subscribeLive({ query: document.toString(), variables: JSON.parse(variablesJson) as Record<string, unknown> }, onEvent);
  }, [document, variablesJson, onEvent, skip]);
}
