import { Kind, type SelectionSetNode, type ValidationRule } from 'graphql';
import { fragmentMemo } from './fragment-memo.js';
import { queryLimitError } from '../errors/graphql-errors.js';

/** How many fields an operation selects at its root (queries or mutations at once), fragments expanded. */
export function maxRootFieldsRule(maxRootFields: number): ValidationRule {
  return (context) => {
    const fragment = fragmentMemo(context.getFragment.bind(context), 0);
    const fieldsIn = (selectionSet: SelectionSetNode): number => {
      let count = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) count += 1;
        else if (selection.kind === Kind.INLINE_FRAGMENT) count += fieldsIn(selection.selectionSet);
        else count += fragment(selection.name.value, '', (definition) => fieldsIn(definition.selectionSet));
      }
      return count;
    };
    return {
      OperationDefinition(operation) {
        const fields = fieldsIn(operation.selectionSet);
        if (fields > maxRootFields) {
          context.reportError(
            queryLimitError(
              operation,
              'rootFields',
              maxRootFields,
              fields,
              `selects ${fields} root fields; the most allowed is ${maxRootFields}`,
            ),
          );
        }
        return false;
      },
    };
  };
}
