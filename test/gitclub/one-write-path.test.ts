import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvers } from '../../src/gitclub/resolvers.js';

/**
 * Every change to roles, grants and memberships goes through the one write path
 * (src/gitclub/access-write/): the mutations that change access call it, and no other file
 * writes `role_assignments` or `permission_grants`.
 */
const root = join(import.meta.dirname, '..', '..');
const writePath = 'src/gitclub/access-write/';
/**
 * Allowed elsewhere: the migrations that create the tables, the demo seed, which fills a database
 * that has no one yet, and the policy tests' worlds (policy-tests/*.yaml), each inserted into a
 * database of its own before anyone asks it anything, then moved in time.
 */
const exempt = [
  /^src\/db\/migrations\//,
  /^src\/gitclub\/demo\/seed-demo-data\.ts$/,
  /^src\/policy-tests\/(world\/insert-world|run-policy-test-file)\.ts$/,
];

const accessWrites = [
  /\b(insert\s+into|update|delete\s+from)\s+(role_assignments|permission_grants)\b/i,
  /\.(create|remove|persist|upsert|nativeDelete|nativeUpdate|insert|insertMany)\(\s*(RoleAssignmentEntity|PermissionGrantEntity)\b/,
];

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

/** The places (file:line) that write access tables. */
function writesIn(files: readonly string[]): string[] {
  return files.flatMap((file) =>
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        accessWrites.some((pattern) => pattern.test(line)) ? [`${relative(root, join(root, file))}:${index + 1}`] : [],
      ),
  );
}

describe('one write path for access', () => {
  const files = sourceFiles('src');

  it('no file outside it writes role_assignments or permission_grants', () => {
    const outside = files.filter((file) => !file.startsWith(writePath) && !exempt.some((pattern) => pattern.test(file)));
    expect(writesIn(outside)).toEqual([]);
  });

  it('the scan finds the writes it owns (so the check above can fail)', () => {
    const inside = writesIn(files.filter((file) => file.startsWith(writePath)));
    for (const owner of ['assignment-rows.ts', 'grant-rows.ts', 'revoke-grants-in.ts', 'record-expired-grants.ts'])
      expect(
        inside.some((place) => place.startsWith(`${writePath}${owner}:`)),
        owner,
      ).toBe(true);
  });

  // Each mutation that changes who holds what, and the write path's entry it must call.
  const entries = /\b(changeRole|reassignAll|grantPermission|revokeGrant|createWithCreatorRole|endAllAccessOn|decideReviewItem)\b/;
  const mutations = Object.assign({}, ...resolvers.map((map) => (map as { Mutation?: object }).Mutation ?? {})) as Record<string, unknown>;
  it.each([
    'addMember',
    'changeMemberRole',
    'removeMember',
    'assignRepositoryRole',
    'removeRepositoryRole',
    'deleteCustomRole',
    'grantPermission',
    'revokeGrant',
    'approveAccessRequest',
    'createOrganization',
    'createRepository',
    'deleteOrganization',
    'deleteRepository',
    // A REVOKE of an access review removes what its item names through the write path.
    'decideAccessReviewItem',
  ])('%s calls the write path', (name) => {
    const resolver = mutations[name];
    expect(typeof resolver, `Mutation.${name} has a resolver`).toBe('function');
    expect(String(resolver)).toMatch(entries);
  });

  it.each(['src/cli/migrate-legacy.ts', 'src/cli/platform.ts'])('the command %s changes roles through the write path', (file) => {
    expect(readFileSync(join(root, file), 'utf8')).toMatch(/\bchangeRolesAsCommand\b/);
  });
});
