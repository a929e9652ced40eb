import { useCallback, useState } from 'react';
import { ApiFailure, type ApiError } from './api-error.js';
import type { TypedDocumentString } from '../gql/graphql.js';
import { graphqlRequest } from './graphql-request.js';

/** A user's action in a component: run it, whether it is under way, and the sentence if it was refused. */
export interface ActionState {
  readonly run: (action: () => Promise<void>) => Promise<boolean>;
  readonly pending: boolean;
  readonly error: string | undefined;
  readonly done: string | undefined;
}

/**
 * Runs an action (usually one mutation), keeping what to tell the user: the API's refusal as
 * sentences, or `doneMessage` once it succeeded. Resolves to whether it succeeded.
 */
export function useAction(doneMessage?: string): ActionState {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const run = useCallback(
    async (action: () => Promise<void>) => {
      setPending(true);
      setError(undefined);
      setDone(undefined);
      try {
        await action();
        setDone(doneMessage);
        return true;
      } catch (failure) {
        setError(failure instanceof ApiFailure ? failure.message : `Something went wrong: ${(failure as Error).message}`);
        return false;
      } finally {
        setPending(false);
      }
    },
    [doneMessage],
  );
  return { run, pending, error, done };
}

/**
 * Sends a mutation and returns its data, or throws its errors (as sentences) when the API refused
 * any part of it: a mutation either happened or the user is told why not.
 */
export async function mutate<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const { data, errors } = await graphqlRequest(document, variables);
  if (errors.length || !data)
    throw new ApiFailure(errors.length ? errors : [{ message: 'The server answered nothing.' } satisfies ApiError]);
  return data;
}
