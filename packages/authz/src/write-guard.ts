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
  /**
   * Throws while the check is still pending. Call it last in the write's transaction: a write that
   * neither settled nor decided first then rolls back instead of committing before the check.
   */
  assertSettled(): void;
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
const settledBefore: WriteGuard = { pending: undefined, decideNow: () => Promise.resolve(), settle: () => {}, assertSettled: () => {} };

/** What marks a field `decidedInWrite`: the guarded resolver, and the plain `resolve` made for it. */
interface WriteGuardedMark<TSource, TContext, TArgs> {
  readonly resolver: WriteGuardedResolver<TSource, TContext, TArgs>;
  readonly resolve: GraphQLFieldResolver<TSource, TContext, TArgs>;
}

/** A field's resolver and the extension marking it `decidedInWrite`, in the object form graphql-tools resolver maps accept. */
export interface WriteGuardedField<TSource, TContext, TArgs> {
  readonly resolve: GraphQLFieldResolver<TSource, TContext, TArgs>;
  readonly extensions: { readonly [writeGuardedExtension]: WriteGuardedMark<TSource, TContext, TArgs> };
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
  const resolve: GraphQLFieldResolver<TSource, TContext, TArgs> = (source, args, context, info) =>
    resolver(source, args, context, info, settledBefore);
  return { resolve, extensions: { [writeGuardedExtension]: { resolver, resolve } } };
}

/**
 * The guarded resolver of a field marked `decidedInWrite`, or undefined for any other, and for a
 * marked field whose `resolve` was since wrapped (by another schema transform): the guarded
 * resolver would skip the wrapper, so such a field is checked before its resolver, as any field.
 */
export function writeGuardedResolverOf(field: {
  readonly resolve?: unknown;
  readonly extensions?: unknown;
}): WriteGuardedResolver | undefined {
  const mark = (field.extensions as Record<string, unknown> | null | undefined)?.[writeGuardedExtension] as
    Partial<WriteGuardedMark<unknown, unknown, Record<string, unknown>>> | undefined;
  return mark && typeof mark.resolver === 'function' && field.resolve === mark.resolve ? mark.resolver : undefined;
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

  assertSettled(): void {
    if (this.#pending) {
      throw new Error(`${this.site.coordinate}: the write neither settled its check nor decided it first; it must not commit.`);
    }
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
   * A write that did commit without settling is the resolver's bug (`assertSettled` prevents it).
   */
  async settleAfter(run: () => unknown): Promise<unknown> {
    let result: unknown;
    try {
      result = await run();
    } catch (error) {
      const check = this.#take();
      if (!check) throw error;
      // The resolver's failure stands unless the check refuses: a check that cannot be made (the database gone) does not replace it.
      const decision = await Promise.resolve(this.authorizer.decideAt(check, this.site)).catch(() => undefined);
      if (decision) this.#enforce(check, decision);
      throw error;
    }
    await this.decideNow();
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
