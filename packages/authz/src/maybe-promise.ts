/** A value now, or later. The directive transform stays synchronous whenever it can. */
export type MaybePromise<T> = T | Promise<T>;

/** Applies `next` to a value that may or may not be a promise, without adding a promise when it is not. */
export function andThen<T, R>(value: MaybePromise<T>, next: (resolved: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** Awaits every item only when some item is a promise. */
export function all<T>(values: readonly MaybePromise<T>[]): MaybePromise<T[]> {
  return values.some((value) => value instanceof Promise) ? Promise.all(values) : (values as T[]);
}
