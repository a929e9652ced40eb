import { graphql } from '../gql/index.js';
import { accessPathLabel, type AccessPathShown } from './access-paths.js';

/** What a chip shows of a path: documents listing paths spread it. */
graphql(`
  fragment AccessPathFields on AccessPath {
    via
    role
    expiresAt
    description
  }
`);

/**
 * The paths that give a person a permission, one chip each (`contributor (default role)`); a
 * grant's chip says when it ends. The API's sentence for the path is the chip's tooltip.
 */
export function AccessPathChips({ via }: { via: readonly AccessPathShown[] }) {
  return (
    <ul className="chips" aria-label="How">
      {via.map((path, index) => (
        <li key={index} className={path.expiresAt ? 'chip chip-ends' : 'chip'} title={path.description}>
          {accessPathLabel(path)}
          {path.expiresAt && (
            <>
              {' '}
              until <time dateTime={path.expiresAt}>{new Date(path.expiresAt).toLocaleString()}</time>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
