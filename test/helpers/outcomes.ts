import { expect } from 'vitest';
import type { GraphQLResponse } from './test-server.js';

/** What a persona x operation row expects. */
export type Outcome = 'allowed' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'BAD_USER_INPUT';

/**
 * Asserts the outcome of an operation at `path` (the dotted response path of the field under
 * test): allowed means a non-null value and no error there; otherwise an error with that code
 * at that path, and a null value.
 */
export function expectOutcome(response: GraphQLResponse, path: string, outcome: Outcome): void {
  const steps = path.split('.');
  const errorsHere = (response.errors ?? []).filter((error) => error.path?.slice(0, steps.length).join('.') === path);
  const value = steps.reduce<unknown>((node, step) => (node == null ? undefined : (node as Record<string, unknown>)[step]), response.data);
  if (outcome === 'allowed') {
    expect(errorsHere, `errors at ${path}`).toEqual([]);
    expect(value, `value at ${path}`).not.toBeNull();
    expect(value, `value at ${path}`).not.toBeUndefined();
    return;
  }
  const codes = (response.errors ?? [])
    .filter((error) => error.path === undefined || path.startsWith(error.path.join('.')) || error.path.join('.').startsWith(path))
    .map((error) => error.extensions?.code);
  expect(codes, `error codes at ${path}`).toContain(outcome);
  expect(value ?? null, `value at ${path}`).toBeNull();
}
