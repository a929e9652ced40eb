import {
  builtInRoleTable,
  creatorRole,
  defaultRoleRecipient,
  initialDefaultRepositoryRole,
  organizationOwnerRole,
  repositoryOwnerRole,
} from '../policy/policy.js';
import { code, unique } from './markdown.js';
import { builtInRolesOf, expandedBuiltInRole } from './policy-lookups.js';

/**
 * The "Role relationships" section: a mermaid flowchart of the implications and the repository-role rules,
 * then those rules in the order `repositoryGrants` applies them.
 */
export function relationshipsSection(): string[] {
  const node = (name: string) => `role_${name}`;
  const resourceTypes = unique(builtInRoleTable.map((role) => role.resourceType));
  const diagram = ['flowchart LR'];
  for (const resourceType of resourceTypes) {
    diagram.push(`  subgraph type_${resourceType}["${resourceType} roles"]`);
    for (const role of builtInRolesOf(resourceType)) diagram.push(`    ${node(role.name)}["${role.name}"]`);
    diagram.push('  end');
  }
  for (const role of builtInRoleTable) {
    for (const implied of role.implies) diagram.push(`  ${node(role.name)} -->|implies| ${node(expandedBuiltInRole(implied).name)}`);
  }
  const owner = expandedBuiltInRole(organizationOwnerRole);
  const repositoryOwner = expandedBuiltInRole(repositoryOwnerRole);
  const recipient = expandedBuiltInRole(defaultRoleRecipient);
  const initialDefault = expandedBuiltInRole(initialDefaultRepositoryRole);
  diagram.push(
    `  ${node(owner.name)} -.->|"is ${repositoryOwner.name} of every repository of the ${owner.resourceType}"| ${node(repositoryOwner.name)}`,
    `  ${node(recipient.name)} -.->|"gets the default repository role, initially ${initialDefault.name}, unless an explicit role replaces it"| ${node(initialDefault.name)}`,
  );
  const nonRecipients = builtInRolesOf(recipient.resourceType)
    .filter((role) => !role.satisfies.has(recipient.name))
    .map((role) => code(role.name));

  return [
    '## Role relationships',
    '',
    'Solid arrows are implications of the policy table (a role holds the permissions of the roles it implies and',
    'satisfies their rules); dotted arrows are the repository-role rules.',
    '',
    '```mermaid',
    ...diagram,
    '```',
    '',
    "A viewer's role on a repository, in order (`repositoryGrants` in `src/gitclub/policy/repository-roles.ts`):",
    '',
    `1. Organization ${code(owner.name)}s are ${code(repositoryOwner.name)} of every repository of their organization, whatever other role they hold there.`,
    '2. An explicit repository role replaces the default role.',
    `3. Holders of ${code(recipient.name)} (or of a role implying it) get the organization's default repository role: ${code(initialDefault.name)} for a new organization, changeable, or none.`,
    `4. Anyone else gets no repository role${nonRecipients.length > 0 ? ` (for example ${nonRecipients.join(', ')} and custom organization roles)` : ''}; outside collaborators hold only explicit roles.`,
    '',
    `Creators become ${Object.entries(creatorRole)
      .map(([resourceType, role]) => `${code(role)} of the ${resourceType}`)
      .join(' and ')} they create.`,
    '',
  ];
}
