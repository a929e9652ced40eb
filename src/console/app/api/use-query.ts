import { useCallback, useEffect, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql.js';
import type { ApiError } from './api-error.js';
import { graphqlRequest } from './graphql-request.js';

/** A query's state in a component: its data once answered, the errors beside it, and how to ask again. */
export interface QueryState<TResult> {
  readonly data: TResult | null | undefined;
  readonly errors: readonly ApiError[];
  readonly loading: boolean;
  readonly reload: () => void;
}

interface Answer<TResult> {
  readonly data: TResult | null | undefined;
  readonly errors: readonly ApiError[];
  /** Which variables and reload it answered, to tell a stale answer from the current one. */
  readonly request: string;
}

/**
 * Runs a typed query when the component shows, whenever its variables change, and on `reload`
 * (`skip` waits). Errors come with the data, not instead of it: a refused field is null beside
 * its siblings. An answer to variables no longer current is dropped.
 */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  { skip = false }: { skip?: boolean } = {},
): QueryState<TResult> {
  const [answer, setAnswer] = useState<Answer<TResult>>({ data: undefined, errors: [], request: '' });
  const [generation, setGeneration] = useState(0);
  // Compared by value: callers pass a new object literal on every render.
  const variablesJson = JSON.stringify(variables);
  const request = `${generation}:${variablesJson}`;
  useEffect(() => {
    if (skip) return;
    let current = true;
    void graphqlRequest(document, JSON.parse(variablesJson) as TVariables).then(({ data, errors }) => {
      if (current) setAnswer({ data, errors, request });
    });
    return () => {
      current = false;
    };
  }, [document, variablesJson, request, skip]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data: answer.data, errors: answer.errors, loading: !skip && answer.request !== request, reload };
}
