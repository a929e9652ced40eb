import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionNode } from 'graphql';

/**
 * The first selection at the root of a subscription operation (through inline fragments and
 * spreads) carrying `@skip` or `@include`, or undefined. The GraphQL specification (and graphql 17)
 * forbids them there: a subscription has exactly one root field whatever the variables say.
 * graphql 16's own rule throws on them instead of reporting them, so they are refused before it runs.
 */
export function conditionalSubscriptionRoot(document: DocumentNode): SelectionNode | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const visited = new Set<string>();
  // A stack rather than recursion: fragment chains are as long as the document allows.
  const pending: SelectionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'subscription') {
      pending.push(...definition.selectionSet.selections);
    }
  }
  for (let selection = pending.pop(); selection; selection = pending.pop()) {
    if (selection.directives?.some((directive) => directive.name.value === 'skip' || directive.name.value === 'include')) {
      return selection;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) pending.push(...selection.selectionSet.selections);
    if (selection.kind === Kind.FRAGMENT_SPREAD && !visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      pending.push(...(fragments.get(selection.name.value)?.selectionSet.selections ?? []));
    }
  }
  return undefined;
}
