import { getNamedType, getNullableType, isInputObjectType, isListType, type GraphQLArgumentConfig, type GraphQLSchema } from 'graphql';
import { defaultDirectiveNames, readAuth, type DirectiveNames } from './auth-directives.js';

/** A permission an input field asks for whenever the client provides it. */
export interface InputRequirement {
  readonly path: readonly string[];
  readonly permission: string;
  /** True when the path crosses a list: such requirements are refused by the coverage check. */
  readonly throughList: boolean;
}

/** Collects every `@auth` on input fields reachable from a field's arguments. */
export function collectInputRequirements(
  schema: GraphQLSchema,
  args: Readonly<Record<string, GraphQLArgumentConfig>> | undefined,
  names: DirectiveNames = defaultDirectiveNames,
): InputRequirement[] {
  const found: InputRequirement[] = [];
  const visit = (type: GraphQLArgumentConfig['type'], path: string[], seen: Set<string>, throughList: boolean): void => {
    const named = getNamedType(type);
    if (!isInputObjectType(named) || seen.has(named.name)) return;
    const nextSeen = new Set(seen).add(named.name);
    const listHere = throughList || isListType(getNullableType(type));
    for (const field of Object.values(named.getFields())) {
      const fieldPath = [...path, field.name];
      const requirement = readAuth(schema, field, names);
      if (requirement)
        found.push({
          path: fieldPath,
          permission: requirement.permission,
          throughList: listHere || isListType(getNullableType(field.type)),
        });
      visit(field.type, fieldPath, nextSeen, listHere);
    }
  };
  for (const [name, arg] of Object.entries(args ?? {})) visit(arg.type, [name], new Set(), false);
  return found;
}

/** Reads a value at a dotted path from resolver arguments (undefined when any step is missing). */
export function valueAtPath(args: unknown, path: readonly string[]): unknown {
  let value: unknown = args;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}
