/**
 * A hostile subscribe payload and the outcomes it may get whoever sends it (`outcomeOf`), where
 * `plain` stands for what the plain subscription gets as that persona (it starts for a reader of
 * the repository, NOT_FOUND for an outsider, UNAUTHENTICATED anonymously).
 */
export interface DocumentRow {
  readonly what: string;
  /** The payload, given the id of a repository every signed-in fuzz persona but the outsider reads. */
  readonly payload: (repositoryId: string) => Record<string, unknown>;
  readonly expected: readonly string[];
}

const plain = 'issueEvents(repositoryId: $r) { action }';
const subscription =
  (body: string, extra: Record<string, unknown> = {}) =>
  (r: string) => ({
    query: `subscription($r: ID!) { ${body} }`,
    variables: { r },
    ...extra,
  });
const times = (count: number, make: (index: number) => string, separator = ' ') =>
  Array.from({ length: count }, (_, index) => make(index)).join(separator);
const deep = (levels: number) =>
  `issueEvents(repositoryId: $r) { repository { ${'organization { repositories(first: 1) { nodes { '.repeat(levels)}name${' } } }'.repeat(levels)} } }`;
const twoSubscriptions = `subscription A($r: ID!) { ${plain} } subscription B($r: ID!) { ${plain} }`;

/** Hostile documents: their shape, their size, their operations and names, their variables. */
export const documentRows: readonly DocumentRow[] = [
  { what: 'the plain subscription', payload: subscription(plain), expected: ['plain'] },
  { what: 'fields nested past QUERY_MAX_DEPTH', payload: subscription(deep(4)), expected: ['QUERY_TOO_COMPLEX'] },
  {
    what: '5,000 nested selections',
    payload: () => ({ query: `subscription { ${'issueEvents { '.repeat(5000)}${'}'.repeat(5000)} }` }),
    expected: ['QUERY_TOO_COMPLEX'],
  },
  {
    what: '1,000 aliases',
    payload: subscription(`issueEvents(repositoryId: $r) { ${times(1000, (index) => `a${index}: action`)} }`),
    expected: ['QUERY_TOO_COMPLEX'],
  },
  { what: 'two root fields', payload: subscription(`a: ${plain} b: ${plain}`), expected: ['GRAPHQL_VALIDATION_FAILED'] },
  {
    what: 'the root field through a named fragment',
    payload: (r) => ({ query: `subscription($r: ID!) { ...Root } fragment Root on Subscription { ${plain} }`, variables: { r } }),
    expected: ['plain'],
  },
  { what: 'the root field through an inline fragment', payload: subscription(`... on Subscription { ${plain} }`), expected: ['plain'] },
  {
    what: 'fragments spreading each other',
    payload: (r) => ({
      query: `subscription($r: ID!) { issueEvents(repositoryId: $r) { ...A } } fragment A on IssueEvent { action ...B } fragment B on IssueEvent { action ...A }`,
      variables: { r },
    }),
    expected: ['GRAPHQL_VALIDATION_FAILED'],
  },
  {
    what: 'a chain of 1,001 fragments',
    payload: (r) => ({
      query: `subscription($r: ID!) { issueEvents(repositoryId: $r) { ...F0 } } ${times(1001, (index) => `fragment F${index} on IssueEvent { action ${index < 1000 ? `...F${index + 1}` : ''} }`)}`,
      variables: { r },
    }),
    expected: ['QUERY_TOO_COMPLEX'],
  },
  {
    what: 'a fragment nothing spreads',
    payload: (r) => ({ query: `subscription($r: ID!) { ${plain} } fragment Unused on IssueEvent { action }`, variables: { r } }),
    expected: ['GRAPHQL_VALIDATION_FAILED'],
  },
  {
    what: 'a fragment on another type',
    payload: subscription(`issueEvents(repositoryId: $r) { ... on User { login } }`),
    expected: ['GRAPHQL_VALIDATION_FAILED'],
  },
  {
    what: 'two subscriptions, no operationName',
    payload: (r) => ({ query: twoSubscriptions, variables: { r } }),
    expected: ['OPERATION_RESOLUTION_FAILURE'],
  },
  {
    what: 'two subscriptions, operationName naming one',
    payload: (r) => ({ query: twoSubscriptions, variables: { r }, operationName: 'B' }),
    expected: ['plain'],
  },
  {
    what: 'an operationName no operation has',
    payload: subscription(plain, { operationName: 'Nope' }),
    expected: ['OPERATION_RESOLUTION_FAILURE'],
  },
  {
    what: 'an operationName of 100,000 characters',
    payload: subscription(plain, { operationName: 'N'.repeat(100_000) }),
    expected: ['OPERATION_RESOLUTION_FAILURE'],
  },
  {
    what: 'an operationName naming a query of the document',
    payload: (r) => ({ query: `subscription S($r: ID!) { ${plain} } query Q { viewer { login } }`, variables: { r }, operationName: 'Q' }),
    expected: ['BAD_REQUEST'],
  },
  { what: 'a query', payload: () => ({ query: '{ viewer { login } }' }), expected: ['BAD_REQUEST'] },
  {
    what: 'a mutation',
    payload: (r) => ({
      query: 'mutation($r: ID!) { createIssue(input: {repositoryId: $r, title: "over a socket"}) { issue { id } } }',
      variables: { r },
    }),
    expected: ['BAD_REQUEST'],
  },
  {
    what: 'an introspection root field',
    payload: () => ({ query: 'subscription { __typename }' }),
    expected: ['GRAPHQL_VALIDATION_FAILED'],
  },
  { what: 'an empty document', payload: () => ({ query: '' }), expected: ['GRAPHQL_PARSE_FAILED'] },
  { what: 'only a comment', payload: () => ({ query: '# nothing else' }), expected: ['GRAPHQL_PARSE_FAILED'] },
  {
    what: 'an unclosed selection',
    payload: () => ({ query: 'subscription { issueEvents(repositoryId: "x") {' }),
    expected: ['GRAPHQL_PARSE_FAILED'],
  },
  {
    what: 'a field the schema lacks',
    payload: subscription('issueEvents(repositoryId: $r) { action secrets }'),
    expected: ['GRAPHQL_VALIDATION_FAILED'],
  },
  { what: 'an unknown directive', payload: subscription(`${plain.replace('{', '@hidden {')}`), expected: ['GRAPHQL_VALIDATION_FAILED'] },
  {
    what: 'a String variable where ID! goes',
    payload: (r) => ({ query: `subscription($r: String!) { ${plain} }`, variables: { r } }),
    expected: ['GRAPHQL_VALIDATION_FAILED'],
  },
  {
    what: 'a variable not declared',
    payload: (r) => ({ query: `subscription { ${plain} }`, variables: { r } }),
    expected: ['GRAPHQL_VALIDATION_FAILED'],
  },
  {
    what: '5,000 declared variables',
    payload: (r) => ({ query: `subscription($r: ID! ${times(5000, (index) => `$v${index}: ID`)}) { ${plain} }`, variables: { r } }),
    expected: ['QUERY_TOO_COMPLEX'],
  },
  {
    what: '15,001 fields',
    payload: subscription(`issueEvents(repositoryId: $r) { ${'action '.repeat(15_001)}}`),
    expected: ['QUERY_TOO_COMPLEX'],
  },
  {
    what: '50,000 variables nothing declares',
    payload: (r) => ({
      query: `subscription($r: ID!) { ${plain} }`,
      variables: {
        r,
        ...Object.fromEntries(
          times(50_000, (index) => `v${index}`, ',')
            .split(',')
            .map((name) => [name, 1]),
        ),
      },
    }),
    expected: ['plain'],
  },
  {
    what: 'a variable of 1,000,000 characters nothing declares',
    payload: (r) => ({ query: `subscription($r: ID!) { ${plain} }`, variables: { r, unused: 'u'.repeat(1_000_000) } }),
    expected: ['plain'],
  },
  { what: 'a comment of 1,000,000 characters', payload: subscription(`${plain} # ${'c'.repeat(1_000_000)}\n`), expected: ['plain'] },
  // graphql 16 runs it; the GraphQL specification (and graphql 17) refuse @skip and @include on a subscription's root field.
  {
    what: '@include(if: true) on the root field',
    payload: subscription(plain.replace('{', '@include(if: true) {')),
    expected: ['plain', 'GRAPHQL_VALIDATION_FAILED'],
  },
  {
    what: 'extensions asking for a persisted query',
    payload: subscription(plain, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    expected: ['plain'],
  },
];
