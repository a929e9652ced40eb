import {
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLError,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { fragmentMemo } from './fragment-memo.js';
import { isIntrospectionRoot } from './query-depth.js';
import { queryLimitError } from '../errors/graphql-errors.js';

/** How many items the cost estimate assumes a list holds. */
export interface ListSizes {
  /** A list without `first`, or a `first` left out: the server's default page size. */
  readonly defaultListSize: number;
  /** `first: $variable` when the value is no integer (execution refuses it): the largest page the server serves. */
  readonly variableListSize: number;
}

/**
 * An operation's estimated cost: how many field values its response may hold. Every field counts 1
 * for each object it is selected on; a list multiplies what is selected on its items by its size.
 * A field with a `first` argument sets that size: on a list field directly, or on a connection's
 * `nodes` and `edges` lists when it returns a connection (`totalCount` and `pageInfo` count once).
 * Other lists count `defaultListSize` items. Fragments on several types all count (an upper bound);
 * introspection below `__schema`/`__type` counts nothing (graphql's MaxIntrospectionDepthRule bounds it).
 */
export function estimatedCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  getFragment: Parameters<typeof fragmentMemo>[0],
  { defaultListSize, variableListSize }: ListSizes,
  variables: Readonly<Record<string, unknown>> = {},
): number {
  const fragment = fragmentMemo(getFragment, 0);
  const valueOf = (node: ValueNode | undefined): number | undefined => {
    if (node === undefined || node.kind === Kind.NULL) return undefined;
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind !== Kind.VARIABLE) return variableListSize;
    const name = node.name.value;
    const value = name in variables ? variables[name] : undefined;
    if (value === undefined)
      return valueOf(operation.variableDefinitions?.find((definition) => definition.variable.name.value === name)?.defaultValue);
    if (value === null) return undefined;
    return typeof value === 'number' && Number.isInteger(value) ? value : variableListSize;
  };
  const pageSize = (field: FieldNode): number => {
    const first = valueOf(field.arguments?.find((argument) => argument.name.value === 'first')?.value);
    return first === undefined ? defaultListSize : Math.max(0, first);
  };
  /** The cost of a selection set on one object of `type`; `page` sizes its lists (from the connection field above). */
  const costOf = (selectionSet: SelectionSetNode, type: GraphQLNamedType | undefined, page: number | undefined): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type, page);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        total += fragment(selection.name.value, String(page), (definition) =>
          costOf(definition.selectionSet, schema.getType(definition.typeCondition.name.value), page),
        );
        continue;
      }
      total += 1;
      if (!selection.selectionSet || isIntrospectionRoot(selection)) continue;
      const definition = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
      // An unknown field: graphql's FieldsOnCorrectTypeRule refuses it.
      if (!definition) continue;
      const first = definition.args.some((argument) => argument.name === 'first') ? pageSize(selection) : undefined;
      const lists = listNesting(definition.type);
      const items = lists === 0 ? 1 : (first ?? page ?? defaultListSize) * defaultListSize ** (lists - 1);
      total += items * costOf(selection.selectionSet, getNamedType(definition.type), lists === 0 ? first : undefined);
    }
    return total;
  };
  return costOf(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, undefined);
}

/**
 * Refuses an operation whose estimated cost (see `estimatedCost`) is over `maxCost`, with the
 * request's own variables: `first: $n` counts what `$n` is in this request. It runs once the
 * operation is resolved, per request (Apollo Server keeps validated documents across requests
 * with other variables, so a validation rule could only assume the largest page); HTTP 400,
 * nothing executed.
 */
export function queryCostPlugin(maxCost: number, listSizes: ListSizes): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const refusal = costRefusal(schema, document, operation, request.variables ?? {}, maxCost, listSizes);
          if (refusal) throw refusal;
        },
      };
    },
  };
}

/** The QUERY_TOO_COMPLEX error of an operation over `maxCost` with these variables (HTTP 400), or undefined: for HTTP and WebSocket alike. */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  maxCost: number,
  listSizes: ListSizes,
): GraphQLError | undefined {
  const cost = costOf(schema, document, operation, variables, listSizes);
  if (cost <= maxCost) return undefined;
  const what = `has an estimated cost of ${cost} field values; the most allowed is ${maxCost} (ask for smaller pages with "first", or fewer nested lists)`;
  return queryLimitError(operation, 'cost', maxCost, cost, what, { http: { status: 400 } });
}

/**
 * Costs of operations without variables, which depend on their document alone, by the list sizes
 * they were counted with and the operation's node: Apollo Server keeps a document it has parsed,
 * so a repeated query is counted once, not once per request.
 */
const costsWithoutVariables = new WeakMap<ListSizes, WeakMap<OperationDefinitionNode, number>>();

function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  listSizes: ListSizes,
): number {
  const cacheable = !operation.variableDefinitions?.length;
  let known = cacheable ? costsWithoutVariables.get(listSizes) : undefined;
  const cached = known?.get(operation);
  if (cached !== undefined) return cached;
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  const cost = estimatedCost(schema, operation, (name) => fragments.get(name), listSizes, variables);
  if (cacheable) {
    if (!known) costsWithoutVariables.set(listSizes, (known = new WeakMap()));
    known.set(operation, cost);
  }
  return cost;
}

/** How many lists a type wraps: `[Role!]!` is 1, `[[Role!]!]!` is 2, `Role` is 0. */
function listNesting(type: GraphQLOutputType): number {
  let lists = 0;
  for (let wrapped: GraphQLOutputType = type; isListType(wrapped) || isNonNullType(wrapped); wrapped = wrapped.ofType) {
    if (isListType(wrapped)) lists++;
  }
  return lists;
}
