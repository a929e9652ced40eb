import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLScalarType,
  type GraphQLSchema,
} from 'graphql';

/** One position a client fills with a scalar or enum value: an argument, or a field of an input object under one. */
export interface Leaf {
  /** Where the value sits in the variables: `['input', 'title']`, `['filter', 'since']`, `['login']`. */
  readonly path: readonly (string | number)[];
  /** The argument's or input field's own name (`title`, `since`). */
  readonly name: string;
  /** The schema coordinate, for messages and for the baseline table: `CreateIssueInput.title`, `Query.organization(login:)`. */
  readonly coordinate: string;
  readonly type: GraphQLScalarType | GraphQLEnumType;
  /** Whether each named step of `path` is required (non-null), from the argument down to the leaf itself. */
  readonly chain: readonly boolean[];
  /** The value is a list of `type` (the leaf is fuzzed through its one element, and as a whole list). */
  readonly list: boolean;
  /** `@length(max:)` on the argument or input field, when the schema declares one. */
  readonly maxLength: number | undefined;
}

/** How to reach objects of one type from the root: the selection that opens them and where they sit in `data`. */
export interface Entry {
  /** Text before the field under test, e.g. `organization(login: "beatles") {`. */
  readonly open: string;
  /** Closing braces matching `open`. */
  readonly close: string;
  /** Where the object sits in the response's `data`, e.g. `['organization']` or `['repository', 'issues', 'nodes', 0]`. */
  readonly path: readonly (string | number)[];
}

/** A field taking arguments, with everything needed to send it with any variables. */
export interface FuzzTarget {
  /** `Mutation.createIssue`, `Organization.auditLog`. */
  readonly coordinate: string;
  readonly operation: 'query' | 'mutation' | 'subscription';
  readonly fieldName: string;
  readonly args: readonly GraphQLArgument[];
  readonly leaves: readonly Leaf[];
  /** The whole operation, every argument a variable named after it. */
  readonly document: string;
  /** Where the field's value sits in `data`. */
  readonly resultPath: readonly (string | number)[];
  /** A root field marked `@public` (callable without signing in). */
  readonly isPublic: boolean;
}

/** The fuzz plan of a schema: every field with arguments, and the ones it cannot reach (each a sentence). */
export interface FuzzPlan {
  readonly targets: readonly FuzzTarget[];
  readonly problems: readonly string[];
}

/**
 * Walks the schema: every root Query and Mutation field with arguments, and every field with
 * arguments on an object type, reached through `entries` (keyed by type, so a new field on a known
 * type is fuzzed as it is added). A type with argument-taking fields but no entry is a problem, so
 * nothing escapes the fuzzer silently.
 */
export function planFuzz(schema: GraphQLSchema, entries: Readonly<Record<string, Entry>>): FuzzPlan {
  const targets: FuzzTarget[] = [];
  const problems: string[] = [];
  const roots = [
    { type: schema.getQueryType(), operation: 'query' as const },
    { type: schema.getMutationType(), operation: 'mutation' as const },
  ];
  const rootNames = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name]);
  for (const { type, operation } of roots) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      if (field.args.length > 0) targets.push(targetOf(`${type?.name}.${field.name}`, operation, field, { open: '', close: '', path: [] }));
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || rootNames.has(type.name)) continue;
    const withArgs = Object.values(type.getFields()).filter((field) => field.args.length > 0);
    if (withArgs.length === 0) continue;
    const entry = entries[type.name];
    if (!entry) {
      const fields = withArgs.map((field) => `"${type.name}.${field.name}"`).join(', ');
      problems.push(
        `Type "${type.name}" has fields with arguments (${fields}) but no entry in the fuzzer's entries; add one so the fuzzer can reach it.`,
      );
      continue;
    }
    for (const field of withArgs) targets.push(targetOf(`${type.name}.${field.name}`, 'query', field, entry));
  }
  return { targets, problems };
}

/**
 * Every root Subscription field, each a target of its own (sent over WebSocket, not HTTP: see
 * hostile-subscriptions.test.ts). Read from the schema, so a new subscription is fuzzed as it is added.
 */
export function planSubscriptions(schema: GraphQLSchema): FuzzTarget[] {
  const type = schema.getSubscriptionType();
  const root = { open: '', close: '', path: [] };
  return Object.values(type?.getFields() ?? {}).map((field) => targetOf(`${type?.name}.${field.name}`, 'subscription', field, root));
}

function targetOf(coordinate: string, operation: FuzzTarget['operation'], field: GraphQLField<unknown, unknown>, entry: Entry): FuzzTarget {
  // A subscription field may take no argument, and `()` does not parse.
  const inParentheses = (items: string[]) => (items.length > 0 ? `(${items.join(', ')})` : '');
  const variables = inParentheses(field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`));
  const args = inParentheses(field.args.map((arg) => `${arg.name}: $${arg.name}`));
  const document = `${operation} Fuzz${variables} { ${entry.open} ${field.name}${args}${selectionOf(getNamedType(field.type))} ${entry.close} }`;
  const isPublic = entry.path.length === 0 && (field.astNode?.directives ?? []).some((directive) => directive.name.value === 'public');
  const leaves = field.args.flatMap((arg) => leavesOf(arg, [arg.name], [], `${coordinate}(${arg.name}:)`, 0));
  return {
    coordinate,
    operation,
    fieldName: field.name,
    args: field.args,
    leaves,
    document,
    resultPath: [...entry.path, field.name],
    isPublic,
  };
}

/** `__typename` and every scalar field taking no argument: enough for the resolver and its lazy parts (totalCount) to run. */
function selectionOf(type: GraphQLNamedType): string {
  if (!isObjectType(type)) return isLeafType(type) ? '' : ' { __typename }';
  const scalars = Object.values(type.getFields()).filter((field) => field.args.length === 0 && isLeafType(getNamedType(field.type)));
  return ` { __typename ${scalars.map((field) => field.name).join(' ')} }`;
}

function leavesOf(
  input: GraphQLArgument | GraphQLInputField,
  path: (string | number)[],
  above: boolean[],
  coordinate: string,
  depth: number,
): Leaf[] {
  const chain = [...above, isNonNullType(input.type)];
  const nullable = getNullableType(input.type) as GraphQLInputType;
  const list = isListType(nullable);
  const named = getNamedType(input.type);
  if (isInputObjectType(named)) {
    // Self-referencing input types (filters of filters) are walked a few levels deep only.
    if (depth >= 3) return [];
    const base = list ? [...path, 0] : path;
    return Object.values(named.getFields()).flatMap((field) =>
      leavesOf(field, [...base, field.name], chain, `${named.name}.${field.name}`, depth + 1),
    );
  }
  const type = named as GraphQLScalarType | GraphQLEnumType;
  return [{ path, name: input.name, coordinate, type, chain, list, maxLength: maxLengthOf(input) }];
}

function maxLengthOf(input: GraphQLArgument | GraphQLInputField): number | undefined {
  const directive = input.astNode?.directives?.find((candidate) => candidate.name.value === 'length');
  const max = directive?.arguments?.find((argument) => argument.name.value === 'max')?.value;
  return max?.kind === 'IntValue' ? Number(max.value) : undefined;
}
