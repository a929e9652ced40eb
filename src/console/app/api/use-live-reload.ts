import { useEffect, useRef } from 'react';
import type { TypedDocumentString } from '../gql/graphql.js';
import { subscribeLive } from './live-client.js';

/**
 * Keeps a page current: while it shows (and `skip` is false), runs the typed subscription and
 * calls `onEvent` at each event it sends, when it ends (the viewer lost what it watched), and when
 * it runs again after the access token's expiry, so the page asks its query again and shows what
 * the viewer may see and do now. `unchanged` tells an event that changes nothing the page shows
 * (`viewerAccessChanged` first sends the permissions the page has just read): no reload for it.
 */
export function useLiveReload<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  onEvent: () => void,
  { skip = false, unchanged }: { skip?: boolean; unchanged?: (data: TResult) => boolean } = {},
): void {
  // Compared by value: callers pass a new object literal on every render.
  const variablesJson = JSON.stringify(variables);
  // Read at each event, so a new function each render does not start the subscription again.
  const unchangedNow = useRef(unchanged);
  unchangedNow.current = unchanged;
  useEffect(() => {
    if (skip) return undefined;
    return subscribeLive({ query: document.toString(), variables: JSON.parse(variablesJson) as Record<string, unknown> }, (data) => {
      if (data !== undefined && unchangedNow.current?.(data as TResult)) return;
      onEvent();
    });
  }, [document, variablesJson, onEvent, skip]);
}
