import { useEffect, useRef, type ReactNode } from 'react';
import { useAction } from '../api/use-action.js';
import { Link } from '../routing/link.js';
import { useRoute } from '../routing/router.js';
import { signOut } from '../session/session-actions.js';
import type { SessionUser } from '../session/session-store.js';

/**
 * Every signed-in page: the header (home, who is signed in, "Sign out") and the page itself. After
 * moving to another page, focus moves to its content, so keyboard and screen reader users start there.
 */
export function ConsoleLayout({ user, children }: { user: SessionUser; children: ReactNode }) {
  const signingOut = useAction();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const shownRoute = useRef(route);
  useEffect(() => {
    if (shownRoute.current === route) return;
    shownRoute.current = route;
    main.current?.focus({ preventScroll: true });
  }, [route]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">
          <Link to="/">GitClub console</Link>
        </span>
        <span className="signed-in-as">
          Signed in as <strong>{user.login}</strong>
        </span>
        <button type="button" onClick={() => void signingOut.run(signOut)} disabled={signingOut.pending}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {children}
      </main>
    </>
  );
}
