import { execute, GraphQLError, parse, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';

/**
 * A policy test of a whole GraphQL answer: a document run as someone, and what it must answer, the
 * data and the error code at each path. Any executable graphql-js schema and any context will do:
 * this knows nothing of who the viewer is, only how to build a request's context.
 */
export interface QueryExpectation {
  readonly document: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly operationName?: string;
  /** The `data` expected, compared in full; when absent, the data is not compared. */
  readonly data?: unknown;
  /**
   * The `extensions.code` expected at each error path (`repository.readme`, `repository.issues.nodes.0`),
   * `(request)` for an error with no path. Every error not listed is a difference: absent means none.
   */
  readonly errors?: Readonly<Record<string, string>>;
}

/** An answer reduced to what an expectation compares: its data, and each error's code and message by path. */
export interface QueryOutcome {
  /** The answer's `data`; null when there is none (the request was refused before execution). */
  readonly data: unknown;
  readonly errors: Readonly<Record<string, { readonly code: string; readonly message: string }>>;
}

/** One place where the answer differs: `data.repository.readme` or `errors.repository.readme`. */
export interface QueryDifference {
  readonly path: string;
  /** What the expectation says; undefined where it says nothing (an unexpected error, a missing field). */
  readonly expected: unknown;
  readonly actual: unknown;
}

/** A query expectation checked: what the schema answered, and every difference (none: it holds). */
export interface QueryExpectationResult {
  readonly outcome: QueryOutcome;
  readonly differences: readonly QueryDifference[];
}

/** The error path of an error that has none: a refused request, a document that does not parse or validate. */
export const requestErrorPath = '(request)';

/** The code of an error without `extensions.code`, as Apollo Server reports it: an unexpected failure. */
export const uncodedErrorCode = 'INTERNAL_SERVER_ERROR';

/**
 * Runs an expectation's document against `schema` with a context from `createContext` (called once,
 * after the document parsed and validated), and compares the answer. A context factory that throws
 * a `GraphQLError` refuses the request, as a server would (`(request)` carries its code); any other
 * exception is a fault of the harness and propagates.
 */
export async function runQueryExpectation<TContext>(
  schema: GraphQLSchema,
  expectation: QueryExpectation,
  createContext: () => TContext | Promise<TContext>,
): Promise<QueryExpectationResult> {
  const outcome = queryOutcome(await answer(schema, expectation, createContext));
  return { outcome, differences: compareQueryOutcome(expectation, outcome) };
}

async function answer<TContext>(
  schema: GraphQLSchema,
  expectation: QueryExpectation,
  createContext: () => TContext | Promise<TContext>,
): Promise<ExecutionResult> {
  let document: DocumentNode;
  try {
    document = parse(expectation.document);
  } catch (error) {
    return { errors: [coded(error, 'GRAPHQL_PARSE_FAILED')] };
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return { errors: invalid.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED')) };
  let contextValue: TContext;
  try {
    contextValue = await createContext();
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
  const { variables: variableValues, operationName } = expectation;
  return execute({ schema, document, contextValue, variableValues, operationName });
}

function coded(error: unknown, code: string): GraphQLError {
  const message = error instanceof Error ? error.message : String(error);
  return new GraphQLError(message, { extensions: { code } });
}

/** The outcome of an answer: data (null when none) and, for each error path, the first error's code and message. */
export function queryOutcome(result: ExecutionResult): QueryOutcome {
  const errors: Record<string, { code: string; message: string }> = {};
  for (const error of result.errors ?? []) {
    const path = error.path && error.path.length > 0 ? error.path.join('.') : requestErrorPath;
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : uncodedErrorCode;
    errors[path] ??= { code, message: error.message };
  }
  return { data: result.data ?? null, errors };
}

/** Every difference between an expectation and an outcome: each data leaf that differs, each error code that differs. Pure. */
export function compareQueryOutcome(expectation: QueryExpectation, outcome: QueryOutcome): QueryDifference[] {
  const differences: QueryDifference[] = [];
  if (expectation.data !== undefined) dataDifferences(expectation.data, outcome.data, 'data', differences);
  const expectedErrors = expectation.errors ?? {};
  const paths = [...new Set([...Object.keys(expectedErrors), ...Object.keys(outcome.errors)])].sort();
  for (const path of paths) {
    const expected = expectedErrors[path];
    const actual = outcome.errors[path]?.code;
    if (expected !== actual) differences.push({ path: `errors.${path}`, expected, actual });
  }
  return differences;
}

type Fields = Readonly<Record<string, unknown>>;

/** An object of an answer (graphql-js builds them without a prototype) or of an expectation; not an array. */
function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Appends where `actual` differs from `expected`: field by field, item by item when two lists have the same length, else whole. */
function dataDifferences(expected: unknown, actual: unknown, path: string, into: QueryDifference[]): void {
  if (isFields(expected) && isFields(actual)) {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      dataDifferences(expected[key], actual[key], `${path}.${key}`, into);
    }
  } else if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    expected.forEach((item, index) => dataDifferences(item, actual[index], `${path}.${index}`, into));
  } else if (!Object.is(expected, actual)) {
    // A leaf, or lists of different lengths, or a list against an object: compared whole.
    into.push({ path, expected, actual });
  }
}
