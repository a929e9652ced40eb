import { heldResourceTypes } from '../../gitclub/access-holders/held-resource-types.js';
import type { ResourceType } from '../../gitclub/policy/policy.js';
import { quoted, type DataPath, type ShapeProblem } from '../format/check-shape.js';
import { idKey, idReferencesIn } from '../format/id-references.js';
import { anonymous, type ExpectationSpec } from '../format/policy-test-format.js';
import { checkResource, permissionType } from './check-world.js';
import { resourceTypeNamed, type WorldNames } from './world-names.js';

/** The types whose holders `who` lists and whose resources `list` lists: those of an organization. */
const listedTypes: readonly ResourceType[] = heldResourceTypes;

/**
 * Every name in the expectations that does not resolve in the world, all at once: users,
 * permissions, resources (each of the permission's type), the types `who` and `list` can answer
 * for, and the `$id` references of queries.
 */
export function checkExpectations(expectations: readonly ExpectationSpec[], names: WorldNames): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const refuse = (path: DataPath, message: string) => problems.push({ path, message });
  const knownUser = (path: DataPath, login: string) => {
    if (!names.user.has(login)) refuse(path, `Unknown user "${login}": the world's users are ${quoted([...names.user], 'and')}.`);
  };
  const listable = (path: DataPath, type: ResourceType, what: string) => {
    if (listedTypes.includes(type)) return true;
    refuse(path, `${what} answers for permissions on ${quoted(listedTypes)}, not on ${type}s.`);
    return false;
  };
  expectations.forEach((expectation, index) => {
    const at = ['expectations', index];
    if (expectation.check) {
      const { user, permission, resource } = expectation.check;
      knownUser([...at, 'check', 'user'], user);
      const type = permissionType([...at, 'check', 'permission'], permission, refuse);
      if (type) checkResource([...at, 'check', 'resource'], names, type, resource, refuse);
    } else if (expectation.who) {
      const { permission, resource, expect } = expectation.who;
      const type = permissionType([...at, 'who', 'permission'], permission, refuse);
      if (type && listable([...at, 'who', 'permission'], type, '"who"'))
        checkResource([...at, 'who', 'resource'], names, type, resource, refuse);
      expect.forEach((login, position) => knownUser([...at, 'who', 'expect', position], login));
    } else if (expectation.list) {
      const { user, permission, expect } = expectation.list;
      knownUser([...at, 'list', 'user'], user);
      const type = permissionType([...at, 'list', 'permission'], permission, refuse);
      if (type && listable([...at, 'list', 'permission'], type, '"list"'))
        expect.forEach((name, position) => checkResource([...at, 'list', 'expect', position], names, type, name, refuse));
    } else if (expectation.query) {
      const { as, variables, expect } = expectation.query;
      if (as !== anonymous) knownUser([...at, 'query', 'as'], as);
      const references = [
        ...idReferencesIn(variables, [...at, 'query', 'variables']),
        ...idReferencesIn(expect.data, [...at, 'query', 'expect', 'data']),
      ];
      for (const { path, name } of references)
        if (!resourceTypeNamed(names, name)) refuse(path, `{ ${idKey}: ${name} } names no resource of the world.`);
    }
  });
  return problems;
}
