// The rows of the "Schema coordinates" section, read from the SDL's authorization directives. The
// permissions section reuses them to say where each permission is checked.
import { getNamedType, isInputObjectType, type GraphQLArgument, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { authCoordinates, readAuth } from '@rolegate/authz';
import { byCodePoint, code } from './markdown.js';

/** One schema coordinate carrying an authorization directive. */
export interface CoordinateRow {
  readonly coordinate: string;
  /** The `@auth` permission, when there is one. */
  readonly permission?: string;
  readonly requirement: string;
  readonly resource: string;
}

/** Every coordinate carrying an authorization directive, sorted by coordinate, with its requirement and resource. */
export function coordinateRows(schema: GraphQLSchema): CoordinateRow[] {
  const rootTypes = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) => (type ? [type] : []));
  const rows: CoordinateRow[] = [];

  // Which root fields reach each input type through their arguments, with the resource they check.
  const inputUsers = new Map<string, string[]>();
  for (const root of rootTypes) {
    for (const field of Object.values(root.getFields())) {
      const auth = readAuth(schema, field);
      const user = auth?.resource ? `${code(`${root.name}.${field.name}`)} (${code(auth.resource)})` : code(`${root.name}.${field.name}`);
      for (const input of reachableInputTypes(field.args)) inputUsers.set(input, [...(inputUsers.get(input) ?? []), user]);
    }
  }

  for (const { coordinate, site, type, auth, authenticated, public: open } of authCoordinates(schema)) {
    if (site === 'input-field') {
      if (!auth) continue;
      const users = inputUsers.get(type.name) ?? [];
      rows.push({
        coordinate,
        permission: auth.permission,
        requirement: `${code(auth.permission)}, required when provided`,
        resource: users.length > 0 ? `resource of ${[...users].sort(byCodePoint).join(', ')}` : "the root field's resource",
      });
    } else if (site === 'type') {
      if (auth) rows.push({ coordinate, permission: auth.permission, requirement: code(auth.permission), resource: 'returned objects' });
    } else if (auth) {
      rows.push({
        coordinate,
        permission: auth.permission,
        requirement: code(auth.permission),
        resource: site === 'root-field' ? code(auth.resource ?? '') : 'parent object',
      });
    } else if (site === 'root-field' && authenticated) {
      rows.push({ coordinate, requirement: 'signed in', resource: '—' });
    } else if (site === 'root-field' && open) {
      rows.push({ coordinate, requirement: 'public', resource: '—' });
    }
  }
  return rows.sort((a, b) => byCodePoint(a.coordinate, b.coordinate));
}

/** The names of the input object types reachable from a field's arguments. */
function reachableInputTypes(args: readonly GraphQLArgument[]): Set<string> {
  const found = new Set<string>();
  const visit = (type: GraphQLInputType): void => {
    const named = getNamedType(type);
    if (!isInputObjectType(named) || found.has(named.name)) return;
    found.add(named.name);
    for (const field of Object.values(named.getFields())) visit(field.type);
  };
  for (const arg of args) visit(arg.type);
  return found;
}
