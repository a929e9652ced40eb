import { ConsoleLayout } from './layout/console-layout.js';
import { PageForRoute } from './page-for-route.js';
import { SignInPage } from './pages/sign-in-page.js';
import { useSession } from './session/use-session.js';

/** The console: the sign-in page until there is a session, then the page the address names. */
export function ConsoleApp() {
  const session = useSession();
  if (!session) return <SignInPage />;
  return (
    <ConsoleLayout user={session.user}>
      <PageForRoute />
    </ConsoleLayout>
  );
}
