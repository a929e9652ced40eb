import { builtInRoles } from '../../gitclub/policy/built-in-roles.js';
import { permissionCatalog } from '../../gitclub/policy/policy.js';
import { shape, type Infer } from './shape.js';

// The policy-test file format, once: the runner checks files against it, the JSON Schema editors
// read (policy-tests/policy-test.schema.json) is generated from it, and the types below are its own.

const login = 'a login: lowercase letters, digits and inner hyphens, at most 39 characters';
const loginPattern = '^[a-z0-9](?:[a-z0-9-]{0,37}[a-z0-9])?$';
const permission = shape.text('A permission of the policy, in full: `read_code:repository`.', {
  pattern: '^[a-z_]+:[a-z_]+$',
  hint: 'a permission in full, such as "read_code:repository"',
  known: permissionCatalog.permissions.map((entry) => entry.name),
});
const user = shape.text('A user of the world, by login.', { pattern: loginPattern, hint: login });
const users = (description: string) => shape.list(description, user);
const roleName = (description: string) => shape.text(description, { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', hint: 'a role name' });
const resource = shape.text(
  'A resource of the world by name: an organization `beatles`, a repository `beatles/abbey-road`, an issue `beatles/abbey-road#1`, a user `john`, or `platform`.',
  {
    pattern: '^[a-z0-9-]+(/[A-Za-z0-9._-]+(#[1-9][0-9]*)?)?$',
    hint: 'a resource name such as "beatles", "beatles/infra" or "beatles/infra#1"',
  },
);
const duration = 'a duration such as "30m", "12h" or "7d"';
const at = shape.text(
  'Answer as this long after the world was made (`8d`): grants whose expiry falls before then have expired. Default: now.',
  { pattern: '^[0-9]+[mhd]$', hint: duration },
);
const why = shape.text('Why this must hold, in a sentence: printed when it does not.');

const repository = shape.record('a repository', 'A repository of the organization.', {
  description: shape.text('Its description.'),
  readme: shape.text('Its code, as far as the API shows it (the readme).'),
  collaborators: shape.map(
    'Explicit repository roles: login -> role (built-in `contributor`, `maintainer`, or a custom repository role of the organization). A non-member here is an outside collaborator.',
    'a login',
    roleName('A repository role.'),
    loginPattern,
  ),
  issues: shape.list(
    'Its issues, numbered from 1 in this order (`beatles/abbey-road#1`).',
    shape.record(
      'an issue',
      'An issue.',
      {
        title: shape.text('Its title.'),
        author: user,
        body: shape.text('Its body.'),
        state: shape.choice('Open by default.', ['OPEN', 'CLOSED']),
      },
      ['title', 'author'],
    ),
  ),
});

const organization = shape.record('an organization', 'An organization, under its login.', {
  name: shape.text('Its display name (default: its login).'),
  billing_email: shape.text('Its billing email.'),
  default_repository_role: shape.nullable(
    roleName(
      'The repository role members get where they hold no explicit one: built-in or one of its custom roles; null for none. Default `contributor`, as for a new organization.',
    ),
  ),
  members: shape.map(
    'Its members: login -> organization role (built-in `member`, `billing`, `admin`, or one of its custom roles).',
    'a login',
    roleName('An organization role.'),
    loginPattern,
  ),
  custom_roles: shape.map(
    'Roles the organization defines, by name.',
    'a role name',
    shape.record(
      'a custom role',
      'A custom role: its permissions, all on organizations or all on repositories.',
      {
        description: shape.text('What it is for.'),
        permissions: shape.list('Its permissions, in full (`trigger_workflow:repository`).', permission),
      },
      ['permissions'],
    ),
  ),
  repositories: shape.map('Its repositories, by name.', 'a repository name', repository, '^[A-Za-z0-9._-]+$'),
});

const grant = shape.record(
  'a grant',
  'A direct grant: one permission on one resource for one user, until it expires.',
  {
    user,
    permission,
    resource,
    expires_in: shape.text('When it expires, from when the world is made: `7d`; negative for one already expired (`-1d`).', {
      pattern: '^-?[0-9]+[mhd]$',
      hint: `${duration}, negative for the past`,
    }),
    revoked: shape.flag('Revoked before it expired.'),
    reason: shape.text('Why it was given.'),
  },
  ['user', 'permission', 'resource', 'expires_in'],
);

const world = shape.record(
  'the world',
  'Everything the expectations run against, in a fresh database of its own.',
  {
    users: users('Every user, by login.'),
    suspended: users('Users whose account is suspended: they keep their roles, but every request of theirs is refused.'),
    platform_roles: shape.map(
      'Platform staff: login -> platform role.',
      'a login',
      shape.choice(
        'A platform role.',
        [...builtInRoles.values()].filter((role) => role.resourceType === 'platform').map((role) => role.name),
      ),
      loginPattern,
    ),
    organizations: shape.map('The organizations, by login.', 'an organization login', organization, loginPattern),
    grants: shape.list('Direct grants (exceptions) with an expiry.', grant),
  },
  ['users'],
);

const check = shape.record(
  'a check',
  'The decision for one user, permission and resource, as `explainAccess` gives it.',
  {
    user,
    permission,
    resource,
    expect: shape.choice('`allow`; `deny` for either refusal, or exactly `forbidden` (sees it) or `not_found` (cannot see it).', [
      'allow',
      'deny',
      'forbidden',
      'not_found',
    ]),
    at,
    why,
  },
  ['user', 'permission', 'resource', 'expect'],
);

const who = shape.record(
  'a "who" expectation',
  'Exactly the users `peopleWithAccess` lists for a permission on an organization, repository or issue.',
  {
    permission,
    resource,
    expect: users('Exactly these users, in any order.'),
    at,
    why,
  },
  ['permission', 'resource', 'expect'],
);

const list = shape.record(
  'a "list" expectation',
  "Exactly the organizations, repositories or issues a user's GraphQL lists show where they hold a permission.",
  {
    user,
    permission,
    expect: shape.list('Exactly these resources, by name, in any order.', resource),
    at,
    why,
  },
  ['user', 'permission', 'expect'],
);

const query = shape.record(
  'a query',
  'A GraphQL document run through the schema as a user: the data, and the error code at each path.',
  {
    as: shape.text('A login, or `anonymous` (no token).', { pattern: loginPattern, hint: login }),
    document: shape.text('The GraphQL document.'),
    variables: shape.any("Its variables. `{ $id: beatles/infra }` anywhere stands for that resource's id."),
    operation_name: shape.text('The operation to run, when the document has several.'),
    expect: shape.record('an expected answer', 'The answer expected.', {
      data: shape.any('The `data` expected, in full; `{ $id: beatles/infra }` stands for an id. Not compared when absent.'),
      errors: shape.map(
        'The error code at each path (`repository.readme: FORBIDDEN`; `(request)` for a refused request). Any other error fails: absent means none.',
        'an error path',
        shape.text('An error code (`extensions.code`).'),
      ),
    }),
    at,
    why,
  },
  ['as', 'document', 'expect'],
);

/** A policy-test file's shape: a world and expectations about it. */
export const policyTestFormat = shape.record(
  'a policy-test file',
  'A policy test: a world, and what must hold in it.',
  {
    description: shape.text('What this file is about.'),
    world,
    expectations: shape.list(
      'What must hold, checked in order (a mutation in a query changes the world for the ones below it).',
      shape.record('an expectation', 'One of check, who, list or query.', { check, who, list, query }, [], true),
    ),
  },
  ['world', 'expectations'],
);

/** A policy-test file once it fits its shape. */
export type PolicyTestDocument = Infer<typeof policyTestFormat>;
/** The world of a policy-test file. */
export type WorldSpec = Infer<typeof world>;
/** One organization of a world. */
export type OrganizationSpec = Infer<typeof organization>;
/** One repository of a world's organization. */
export type RepositorySpec = Infer<typeof repository>;
/** One grant of a world. */
export type GrantSpec = Infer<typeof grant>;
/** One expectation of a file: exactly one of its keys is given. */
export type ExpectationSpec = PolicyTestDocument['expectations'][number];
/** A check expectation. */
export type CheckSpec = Infer<typeof check>;
/** A who expectation. */
export type WhoSpec = Infer<typeof who>;
/** A list expectation. */
export type ListSpec = Infer<typeof list>;
/** A query expectation. */
export type QuerySpec = Infer<typeof query>;

/** The login a query runs as without a token; no user of a world may have it. */
export const anonymous = 'anonymous';
