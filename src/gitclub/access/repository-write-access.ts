import type { ViewerAccess } from '@rolegate/authz';
import { LRUCache } from 'lru-cache';

/** A viewer's access to one repository as a write read it, and the state of the organization's access it was read at. */
export interface RememberedWriteAccess {
  readonly access: ViewerAccess;
  /** The repository's organization when it was read: a repository moved since is read again. */
  readonly organizationId: string;
  /** The organization's `access_version` when it was read (a bigint, as text). */
  readonly accessVersion: string;
}

/** Entries kept: about 1 KB each, so a few MB at most, whatever the number of viewers and repositories. */
const defaultCapacity = 5_000;

/**
 * The access that writes to repositories read of their viewers, kept across requests by viewer
 * and repository, with the organization's `access_version` it was read at (see
 * Migration20261207100000). A later write by the same viewer to the same repository proves in its
 * own statement that the version is unchanged, one indexed comparison, instead of reading the role
 * facts again: the decision is the same one a fresh read would give, as of the same snapshot.
 *
 * Never a source of truth on its own: an entry is only used together with that comparison, so an
 * entry gone stale (any change to anyone's roles in the organization raises the version) makes the
 * write read the facts again; it can cost a write one statement, never decide on old access. One
 * per database (versions are a database's own), bounded (least recently used entries go first).
 * Only for viewers whose tokens say they hold no direct grants: a grant expires with time, which
 * no version records.
 */
export class RepositoryWriteAccess {
  readonly #entries: LRUCache<string, RememberedWriteAccess>;

  constructor(capacity = defaultCapacity) {
    this.#entries = new LRUCache({ max: capacity });
  }

  /** What a write by this viewer to this repository read last, if it is still kept. */
  lookup(viewerId: string, repositoryId: string): RememberedWriteAccess | undefined {
    return this.#entries.get(keyOf(viewerId, repositoryId));
  }

  /** Keeps what a write read, replacing what was kept for the same viewer and repository. */
  remember(viewerId: string, repositoryId: string, remembered: RememberedWriteAccess): void {
    this.#entries.set(keyOf(viewerId, repositoryId), remembered);
  }

  /** Forgets what was kept for this viewer and repository (its version no longer matched). */
  forget(viewerId: string, repositoryId: string): void {
    this.#entries.delete(keyOf(viewerId, repositoryId));
  }
}

const keyOf = (viewerId: string, repositoryId: string) => `${viewerId} ${repositoryId}`;
