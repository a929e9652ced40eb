import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import type { Authorizer } from './authorizer.js';
import type { Check, CheckSite, Denial } from './check.js';
import { enforce } from './enforce.js';
import type { ViewerAccess } from './viewer-access.js';

/**
 * A field's `@auth` check as the resolver's write sees it. A write that can read the viewer's
 * access in its own statement, and change a row only where the permission holds, settles the
 * check there, before it commits: one statement where there were two (a read for the check, then
 * the write), and a viewer without the permission never takes the row's lock.
 *
 * The core still has the last word: `settle` decides with the same engine as every other check
 * and throws the client's error when it denies, so the change rolls back. A write that ends
 * without settling (it found nothing to change) leaves the check to the transform, which makes it
 * the usual way afterwards and answers its NOT_FOUND or FORBIDDEN instead of the resolver's error.
 */
export interface WriteGuard {
  /** The check the write is to settle; undefined once settled, or when it was made before the resolver ran (or there is none). */
  readonly pending: Check | undefined;
  /** Makes the pending check now, the usual way (a read of its own), for a viewer whose access the write cannot read itself. */
  decideNow(): Promise<void>;
  /** Settles the pending check with the access the write read in its own statement, before it commits; throws when denied. */
  settle(access: ViewerAccess | null): void;
}

/** A resolver whose write settles the field's `@auth` check (see `WriteGuard`). */
export type WriteGuardedResolver<TSource = unknown, TContext = unknown, TArgs = Record<string, unknown>> = (
  source: TSource,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
  guard: WriteGuard,
) => unknown;

/** The field extension holding a `decidedInWrite` field's guarded resolver (graphql-tools binds resolver functions, so a mark on the function itself would be lost). */
const writeGuardedExtension = 'rolegateWriteGuarded';

/** Nothing left to settle: the check was made before the resolver, or the schema has no `@auth` transform (the bench's baseline). */
const settledBefore: WriteGuard = { pending: undefined, decideNow: () => Promise.resolve(), settle: () => {} };

/** A field's resolver and the extension marking it `decidedInWrite`, in the object form graphql-tools resolver maps accept. */
export interface WriteGuardedField<TSource, TContext, TArgs> {
  readonly resolve: GraphQLFieldResolver<TSource, TContext, TArgs>;
  readonly extensions: { readonly [writeGuardedExtension]: WriteGuardedResolver<TSource, TContext, TArgs> };
}

/**
 * Marks a root field's resolver as one whose write settles the field's `@auth` check. Under the
 * transform it receives a pending guard when no arbiter has the last word (see `ShadowArbiter`);
 * otherwise the check is made before it runs, as for any field, and the guard has nothing pending.
 * Put the result in a resolver map as the field's value (`Mutation: { createIssue: decidedInWrite(...) }`).
 */
export function decidedInWrite<TSource, TContext, TArgs>(
  resolver: WriteGuardedResolver<TSource, TContext, TArgs>,
): WriteGuardedField<TSource, TContext, TArgs> {
  return {
    resolve: (source, args, context, info) => resolver(source, args, context, info, settledBefore),
    extensions: { [writeGuardedExtension]: resolver },
  };
}

/** The guarded resolver of a field marked `decidedInWrite`, or undefined for any other. */
export function writeGuardedResolverOf(field: { readonly extensions?: unknown }): WriteGuardedResolver | undefined {
  const resolver = (field.extensions as Record<string, unknown> | null | undefined)?.[writeGuardedExtension];
  return typeof resolver === 'function' ? (resolver as WriteGuardedResolver) : undefined;
}

/** One request's pending check on one field, settled by the write or, failing that, by `settleAfter`. */
export class PendingWriteCheck implements WriteGuard {
  #pending: Check | undefined;

  constructor(
    check: Check,
    private readonly authorizer: Authorizer,
    private readonly site: CheckSite,
    private readonly onDenied: ((denial: Denial) => void) | undefined,
  ) {
    this.#pending = check;
  }

  get pending(): Check | undefined {
    return this.#pending;
  }

  async decideNow(): Promise<void> {
    const check = this.#take();
    if (check) this.#enforce(check, await this.authorizer.decideAt(check, this.site));
  }

  settle(access: ViewerAccess | null): void {
    const check = this.#take();
    if (!check) return;
    this.authorizer.prime(check.resourceType, check.resourceId, access);
    const decision = this.authorizer.decideAt(check, this.site);
    // Primed access and no arbiter (the transform defers only then): the decision is synchronous.
    if (decision instanceof Promise) throw new Error('A write-settled check must decide synchronously: an arbiter has the last word.');
    this.#enforce(check, decision);
  }

  /**
   * Runs the resolver, then makes the check the usual way if the write did not settle it: its
   * error replaces the resolver's when the viewer may not, the resolver's answer stands when they may.
   */
  async settleAfter(run: () => unknown): Promise<unknown> {
    let result: unknown;
    let failure: { readonly error: unknown } | undefined;
    try {
      result = await run();
    } catch (error) {
      failure = { error };
    }
    await this.decideNow();
    if (failure) throw failure.error;
    return result;
  }

  #take(): Check | undefined {
    const check = this.#pending;
    this.#pending = undefined;
    return check;
  }

  #enforce(check: Check, decision: Awaited<ReturnType<Authorizer['decideAt']>>): void {
    enforce(decision, check, this.site.coordinate, this.onDenied, this.authorizer.explainDenials);
  }
}
