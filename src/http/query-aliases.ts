import { Kind, type SelectionSetNode, type ValidationRule } from 'graphql';
import { fragmentMemo } from './fragment-memo.js';
import { queryLimitError } from '../errors/graphql-errors.js';

/** How many aliased fields an operation holds, fragments expanded (`a: viewer { id } b: viewer { id }` holds 2). */
export function maxAliasesRule(maxAliases: number): ValidationRule {
  return (context) => {
    const fragment = fragmentMemo(context.getFragment.bind(context), 0);
    const aliasesIn = (selectionSet: SelectionSetNode | undefined): number => {
      let count = 0;
      for (const selection of selectionSet?.selections ?? []) {
        if (selection.kind === Kind.FIELD) count += (selection.alias ? 1 : 0) + aliasesIn(selection.selectionSet);
        else if (selection.kind === Kind.INLINE_FRAGMENT) count += aliasesIn(selection.selectionSet);
        else count += fragment(selection.name.value, '', (definition) => aliasesIn(definition.selectionSet));
      }
      return count;
    };
    return {
      OperationDefinition(operation) {
        const aliases = aliasesIn(operation.selectionSet);
        if (aliases > maxAliases)
          context.reportError(
            queryLimitError(operation, 'aliases', maxAliases, aliases, `uses ${aliases} aliases; the most allowed is ${maxAliases}`),
          );
        return false;
      },
    };
  };
}
