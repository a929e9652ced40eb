import { Kind, type FieldNode, type SelectionSetNode, type ValidationRule } from 'graphql';
import { fragmentMemo } from './fragment-memo.js';
import { queryLimitError } from '../errors/graphql-errors.js';

/** `__schema` and `__type`: what lies below is bounded by graphql's own MaxIntrospectionDepthRule instead. */
export function isIntrospectionRoot(field: FieldNode): boolean {
  return field.name.value === '__schema' || field.name.value === '__type';
}

/** How deeply fields nest in an operation, fragments expanded: `{ viewer { login } }` is 2 deep. */
export function maxDepthRule(maxDepth: number): ValidationRule {
  return (context) => {
    const fragment = fragmentMemo(context.getFragment.bind(context), 0);
    const depthOf = (selectionSet: SelectionSetNode | undefined): number => {
      let deepest = 0;
      for (const selection of selectionSet?.selections ?? []) {
        const depth =
          selection.kind === Kind.FIELD
            ? 1 + (isIntrospectionRoot(selection) ? 0 : depthOf(selection.selectionSet))
            : selection.kind === Kind.INLINE_FRAGMENT
              ? depthOf(selection.selectionSet)
              : fragment(selection.name.value, '', (definition) => depthOf(definition.selectionSet));
        deepest = Math.max(deepest, depth);
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > maxDepth)
          context.reportError(
            queryLimitError(operation, 'depth', maxDepth, depth, `nests fields ${depth} levels deep; the most allowed is ${maxDepth}`),
          );
        return false;
      },
    };
  };
}
