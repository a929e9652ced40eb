/** The signed-in user, as the console shows them. */
export interface SessionUser {
  readonly id: string;
  readonly login: string;
  readonly name: string;
}

/** Tokens and who they belong to. */
export interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly user: SessionUser;
}

/**
 * Where the tokens live: this module's memory, nowhere else (no localStorage, sessionStorage or
 * cookie). Script injected into the page could read storage; under the console's CSP no foreign
 * script runs, and a reload simply signs the user out. `notice` is the sentence the sign-in page
 * shows after a session ended on its own.
 */
let current: Session | undefined;
let notice: string | undefined;
const listeners = new Set<() => void>();

/** The current session, if signed in. */
export function currentSession(): Session | undefined {
  return current;
}

/** Why the last session ended, when it ended without the user signing out. */
export function sessionNotice(): string | undefined {
  return notice;
}

/** Replaces the session (sign-in, renewal) or ends it (`undefined`, with an optional notice). */
export function setSession(session: Session | undefined, endNotice?: string): void {
  current = session;
  notice = session ? undefined : endNotice;
  for (const listener of listeners) listener();
}

/** For React's useSyncExternalStore: called on every change. */
export function subscribeToSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
