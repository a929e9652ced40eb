import { csvText } from '../download/csv-text.js';
import { accessPathText, type AccessPathShown } from './access-paths.js';
import type { AccessTarget } from './people-with-access-query.js';

/** A holder as the file lists them. */
interface HolderRow {
  readonly user: { readonly login: string; readonly name: string };
  readonly via: readonly AccessPathShown[];
}

/** Holders as CSV: a header, then `login,name,paths`, the paths in words separated by `; ` (a grant with its end). */
export function holdersCsv(holders: readonly HolderRow[]): string {
  return csvText([
    ['login', 'name', 'paths'],
    ...holders.map(({ user, via }) => [user.login, user.name, via.map(accessPathText).join('; ')]),
  ]);
}

/** The file's name: `beatles-infra-read_code.csv`. */
export function peopleWithAccessFileName(target: AccessTarget, action: string): string {
  return `${target.label.replaceAll('/', '-')}-${action}.csv`;
}
