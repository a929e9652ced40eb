import { useSyncExternalStore } from 'react';
import { settings } from '../settings.js';

const changeEvent = 'console:navigate';

/** The route below the console's base path (`/orgs/beatles`), `/` for the home page. */
export function currentRoute(): string {
  const { pathname } = window.location;
  const below = pathname.startsWith(settings.basePath) ? pathname.slice(settings.basePath.length) : pathname;
  return below === '' ? '/' : below;
}

/** The address of a route, as links show it. */
export function hrefOf(route: string): string {
  return route === '/' ? settings.basePath : `${settings.basePath}${route}`;
}

/** Goes to a route without reloading the page (tokens live in memory: a reload signs out). */
export function navigate(route: string): void {
  window.history.pushState(null, '', hrefOf(route));
  window.dispatchEvent(new Event(changeEvent));
  window.scrollTo(0, 0);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(changeEvent, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(changeEvent, listener);
  };
}

/** The current route in a component, re-rendering on navigation and on the browser's back and forward. */
export function useRoute(): string {
  return useSyncExternalStore(subscribe, currentRoute);
}
