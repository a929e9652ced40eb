import { useSyncExternalStore } from 'react';
import { currentSession, subscribeToSession, type Session } from './session-store.js';

/** The current session in a component, re-rendering on sign-in, renewal and sign-out. */
export function useSession(): Session | undefined {
  return useSyncExternalStore(subscribeToSession, currentSession);
}
