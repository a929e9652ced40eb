import {
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { fragmentMemo } from './fragment-memo.js';
import { isIntrospectionRoot } from './query-depth.js';
import { QueryLimitError } from './query-limit-error.js';

/** How many items the cost estimate assumes a list holds. */
export interface ListSizes {
  /** A list without `first`, or a `first` left out: the server's default page size. */
  readonly defaultListSize: number;
  /**
   * `first: $variable`: the largest page the server serves. Validation runs before variables are
   * known (and Apollo Server keeps a validated document for later requests with other variables).
   */
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
): number {
  const fragment = fragmentMemo(getFragment, 0);
  const pageSize = (field: FieldNode): number => {
    const first = field.arguments?.find((argument) => argument.name.value === 'first')?.value;
    if (first?.kind === Kind.INT) return Math.max(0, Number(first.value));
    if (first?.kind === Kind.VARIABLE) return variableListSize;
    return defaultListSize;
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

/** Refuses operations whose estimated cost (see `estimatedCost`) is over `maxCost`. */
export function maxCostRule(maxCost: number, listSizes: ListSizes): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const cost = estimatedCost(context.getSchema(), operation, context.getFragment.bind(context), listSizes);
      if (cost > maxCost) {
        const what = `has an estimated cost of ${cost} field values; the most allowed is ${maxCost} (ask for smaller pages with "first", or fewer nested lists)`;
        context.reportError(new QueryLimitError(operation, 'cost', maxCost, cost, what));
      }
      return false;
    },
  });
}

/** How many lists a type wraps: `[Role!]!` is 1, `[[Role!]!]!` is 2, `Role` is 0. */
function listNesting(type: GraphQLOutputType): number {
  let lists = 0;
  for (let wrapped: GraphQLOutputType = type; isListType(wrapped) || isNonNullType(wrapped); wrapped = wrapped.ofType) {
    if (isListType(wrapped)) lists++;
  }
  return lists;
}
