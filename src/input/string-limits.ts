import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  type GraphQLArgumentConfig,
  type GraphQLFieldResolver,
  type GraphQLInputField,
  type GraphQLInputFieldConfig,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badUserInputError } from '../errors/graphql-errors.js';

/** The SDL of `@length`; include it in the application's schema. */
export const stringLimitsTypeDefs = /* GraphQL */ `
  """
  The longest string an argument or input field accepts, in UTF-16 code units. Without it, an ID
  accepts at most 100 and a String at most 1000. Every string is checked before anything else reads it.
  """
  directive @length(max: Int!) on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
`;

/** The maximum length of a String or ID argument that carries no `@length`. */
export const defaultMaxLength: Readonly<Record<string, number>> = { ID: 100, String: 1000 };

// NUL, which PostgreSQL refuses in text, and lone surrogates, which UTF-8 cannot carry. Linear: a character class.
const unstorable = /[\0\p{Cs}]/u;

type Limited = GraphQLArgumentConfig | GraphQLInputFieldConfig | GraphQLInputField;

/**
 * Validation at the edge, length first: wraps every field that takes arguments so that each String
 * and ID value in them (inside lists and input objects too) is refused with BAD_USER_INPUT, naming
 * the argument, when it is longer than its maximum or holds NUL or a lone surrogate, before the
 * field's resolver (and its `@auth` checks) see it. Also writes each maximum into the argument's
 * description, so explorers show it. Apply it last: its check must run first.
 */
export function applyStringLimits(schema: GraphQLSchema): GraphQLSchema {
  const inputFieldLimits = new Map<string, ReadonlyMap<string, number>>();
  const limitsOf = (type: GraphQLInputObjectType): ReadonlyMap<string, number> => {
    let limits = inputFieldLimits.get(type.name);
    if (!limits) {
      limits = new Map(Object.values(type.getFields()).flatMap((field) => limitOf(schema, field, field.type)));
      inputFieldLimits.set(type.name, limits);
    }
    return limits;
  };
  const check = (value: unknown, type: GraphQLInputType, max: number | undefined, path: string): void => {
    if (value == null) return;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      for (const item of Array.isArray(value) ? value : [value]) check(item, nullable.ofType, max, path);
    } else if (isInputObjectType(nullable)) {
      const limits = limitsOf(nullable);
      for (const field of Object.values(nullable.getFields())) {
        check((value as Record<string, unknown>)[field.name], field.type, limits.get(field.name), `${path}.${field.name}`);
      }
    } else if (typeof value === 'string' && max !== undefined) {
      checkString(value, max, path);
    }
  };

  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig) => {
      const args = Object.entries(fieldConfig.args ?? {});
      if (args.length === 0) return fieldConfig;
      const limits = new Map(args.flatMap(([name, arg]) => limitOf(schema, arg, arg.type, name)));
      const resolve: GraphQLFieldResolver<unknown, unknown> = fieldConfig.resolve ?? defaultFieldResolver;
      return {
        ...fieldConfig,
        args: Object.fromEntries(args.map(([name, arg]) => [name, describeLimit(arg, limits.get(name))])),
        resolve: (source, values: Record<string, unknown>, context, info) => {
          for (const [name, arg] of args) check(values[name], arg.type, limits.get(name), name);
          return resolve(source, values, context, info);
        },
      };
    },
    [MapperKind.INPUT_OBJECT_FIELD]: (fieldConfig) => describeLimit(fieldConfig, limitOf(schema, fieldConfig, fieldConfig.type)[0]?.[1]),
  });
}

/** The maximum length of a String or ID argument or input field, keyed by its name; none for other types. */
function limitOf(
  schema: GraphQLSchema,
  node: Limited,
  type: GraphQLInputType,
  name = (node as GraphQLInputField).name,
): [string, number][] {
  let named: GraphQLInputType = type;
  while (isListType(getNullableType(named))) named = (getNullableType(named) as { ofType: GraphQLInputType }).ofType;
  named = getNullableType(named);
  if (!isScalarType(named) || defaultMaxLength[named.name] === undefined) return [];
  const [directive] = getDirective(schema, node, 'length') ?? [];
  return [[name, directive ? Number(directive.max) : (defaultMaxLength[named.name] as number)]];
}

function describeLimit<T extends GraphQLArgumentConfig | GraphQLInputFieldConfig>(config: T, max: number | undefined): T {
  if (max === undefined) return config;
  const limit = `At most ${max} characters.`;
  return { ...config, description: config.description ? `${config.description} ${limit}` : limit };
}

function checkString(value: string, max: number, path: string): void {
  if (value.length > max)
    throw badUserInputError(`"${path}" must be at most ${max} characters.`, { argument: path, reason: 'TOO_LONG', maxLength: max });
  if (unstorable.test(value)) {
    throw badUserInputError(`"${path}" must not contain NUL characters or unpaired surrogates.`, {
      argument: path,
      reason: 'UNSUPPORTED_CHARACTERS',
    });
  }
}
