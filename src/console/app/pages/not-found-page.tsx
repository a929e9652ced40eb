import { Link } from '../routing/link.js';

/** An address the console does not know. */
export function NotFoundPage() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no such page. <Link to="/">Back to your organizations and repositories</Link>.
      </p>
    </section>
  );
}
