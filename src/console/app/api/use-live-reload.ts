import { useEffect } from 'react';
import type { TypedDocumentString } from '../gql/graphql.js';
import { liveClient } from './live-client.js';

/**
 * Keeps a page current: while it shows (and `skip` is false), runs the typed subscription and
 * calls `onEvent` at each event it sends, and when it ends (the viewer lost what it watched), so
 * the page asks its query again and shows what the viewer may see and do now.
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
    return liveClient().subscribe(
      { query: document.toString(), variables: JSON.parse(variablesJson) as Record<string, unknown> },
      { next: onEvent, error: () => {}, complete: onEvent },
    );
  }, [document, variablesJson, onEvent, skip]);
}
