// docs/permissions.md against `renderPermissionMatrix()`: the committed file is current, says what
// the policy and the SDL say, and rendering it twice gives the same bytes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { permissionMatrixPath } from '../../src/cli/permission-matrix.js';
import { renderPermissionMatrix } from '../../src/gitclub/permission-matrix/render-permission-matrix.js';
import { permissionCatalog } from '../../src/gitclub/policy/policy.js';

const rendered = renderPermissionMatrix();

/** The lines of a markdown section, from its heading to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`No heading "${heading}".`);
  const level = heading.indexOf(' ');
  const end = lines.findIndex((line, index) => index > start && /^#+ /.test(line) && line.indexOf(' ') <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The rows of the first table of a section, as cells, header first (the `---` line dropped). */
function tableOf(lines: readonly string[]): string[][] {
  return lines
    .filter((line) => line.startsWith('|') && !/^\|( --- \|)+$/.test(line))
    .map((line) => line.slice(2, -2).split(' | '));
}

/** The row of a table whose first cell is `key`. */
function rowOf(rows: readonly string[][], key: string): string[] {
  const row = rows.find((cells) => cells[0] === key);
  if (!row) throw new Error(`No row ${key}.`);
  return row;
}

const ofType = (resourceType: string) =>
  permissionCatalog.permissions.filter((permission) => permission.resourceType === resourceType).map((permission) => `\`${permission.name}\``);

describe('docs/permissions.md', () => {
  it('is up to date', () => {
    const committed = readFileSync(permissionMatrixPath, 'utf8');
    expect(committed, 'docs/permissions.md is out of date: run `npm run matrix` and commit the result.').toBe(rendered);
  });

  it('renders the same bytes every time', () => {
    expect(renderPermissionMatrix()).toBe(rendered);
  });
});

describe('what the matrix says', () => {
  const coordinates = tableOf(section(rendered, '## Schema coordinates'));
  const permissions = tableOf(section(rendered, '## Permissions'));
  const mermaid = rendered.slice(rendered.indexOf('```mermaid'), rendered.indexOf('```', rendered.indexOf('```mermaid') + 3));

  const coordinateCases: { coordinate: string; requirement: string; resource: string }[] = [
    { coordinate: 'Repository.readme', requirement: '`read_code:repository`', resource: 'parent object' },
    { coordinate: 'Repository', requirement: '`read:repository`', resource: 'returned objects' },
    { coordinate: 'Mutation.updateRepository', requirement: '`update:repository`', resource: '`input.repositoryId`' },
    { coordinate: 'Mutation.closeIssue', requirement: '`close:issue`', resource: '`input.issueId`' },
    { coordinate: 'UpdateOrganizationInput.billingEmail', requirement: '`manage_billing:organization`, required when provided',
      resource: 'resource of `Mutation.updateOrganization` (`input.organizationId`)' },
    { coordinate: 'Query.organization', requirement: 'signed in', resource: '—' },
    { coordinate: 'Query.permissionCatalog', requirement: 'public', resource: '—' },
  ];

  it.each(coordinateCases)('$coordinate needs $requirement on $resource', ({ coordinate, requirement, resource }) => {
    expect(rowOf(coordinates, `\`${coordinate}\``)).toEqual([`\`${coordinate}\``, requirement, resource]);
  });

  it('lists the schema coordinates sorted, each once', () => {
    const names = coordinates.slice(1).map((cells) => (cells[0] ?? '').replaceAll('`', ''));
    expect(names).toEqual([...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('lists every catalog permission, in policy order', () => {
    expect(permissions.slice(1).map((cells) => cells[0])).toEqual(permissionCatalog.permissions.map((permission) => `\`${permission.name}\``));
  });

  const holderCases: { permission: string; roles: string; note?: string }[] = [
    { permission: 'read:organization', roles: '`member`, `billing`, `admin`', note: 'read_tenants:platform' },
    { permission: 'manage_billing:organization', roles: '`billing`, `admin`' },
    { permission: 'read_code:repository', roles: '`contributor`, `maintainer`' },
    { permission: 'read:issue', roles: '`contributor` (derived), `maintainer` (derived)', note: 'Derived from repository permissions: `read:repository`.' },
    { permission: 'close:issue', roles: '`maintainer` (derived), `contributor` as author', note: '`manage_issues:repository`, or authorship' },
    { permission: 'manage_users:platform', roles: '`platform_admin`', note: 'platform resource' },
  ];

  it.each(holderCases)('$permission is held by $roles', ({ permission, roles, note }) => {
    const row = rowOf(permissions, `\`${permission}\``);
    expect(row[2]).toBe(roles);
    if (note) expect(row[4]).toContain(note);
  });

  const roleCases: { resourceType: string; role: string; holds: 'all' | string[] }[] = [
    { resourceType: 'organization', role: 'admin', holds: 'all' },
    { resourceType: 'organization', role: 'billing', holds: ['`read:organization`', '`read_billing:organization`', '`manage_billing:organization`'] },
    { resourceType: 'repository', role: 'maintainer', holds: 'all' },
    { resourceType: 'repository', role: 'contributor', holds: ['`read:repository`', '`read_code:repository`', '`create_issue:repository`'] },
    { resourceType: 'platform', role: 'platform_admin', holds: 'all' },
    { resourceType: 'platform', role: 'support', holds: ['`read_tenants:platform`'] },
  ];

  it.each(roleCases)("$role's row ($resourceType) holds $holds", ({ resourceType, role, holds }) => {
    const [header = [], ...rows] = tableOf(section(rendered, `### ${resourceType}`));
    expect(header.slice(1)).toEqual(ofType(resourceType));
    const row = rowOf(rows, `\`${role}\``);
    const held = header.slice(1).filter((_, index) => row[index + 1] === '✓');
    expect(held).toEqual(holds === 'all' ? ofType(resourceType) : holds);
  });

  const edges = [
    'role_admin -->|implies| role_member',
    'role_admin -->|implies| role_billing',
    'role_maintainer -->|implies| role_contributor',
    'role_platform_admin -->|implies| role_support',
    'role_admin -.->|"is maintainer of every repository of the organization"| role_maintainer',
    'role_member -.->|"gets the default repository role, initially contributor, unless an explicit role replaces it"| role_contributor',
  ];

  it.each(edges)('the mermaid flowchart draws %s', (edge) => {
    expect(mermaid).toMatch(/^```mermaid\nflowchart /);
    expect(mermaid.split('\n').map((line) => line.trim())).toContain(edge);
  });
});
