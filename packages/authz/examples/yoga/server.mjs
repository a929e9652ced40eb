import { createYoga } from 'graphql-yoga';
import { createServer } from 'node:http';
import { argv, env, stdout } from 'node:process';
import { buildDocumentsSchema, contextFor, unguardedFieldTypeDefs } from '../documents/schema.js';

// The documents example on GraphQL Yoga 5. Send the header `x-user: alice` (owner), `bob` (reader) or
// `carol` (no role). `--unguarded-field` adds a root field with no directive: the coverage check refuses
// to start. PORT and HOST choose where it listens.
const schema = buildDocumentsSchema(argv.includes('--unguarded-field') ? [unguardedFieldTypeDefs] : []);
const yoga = createYoga({ schema, context: ({ request }) => contextFor(request.headers.get('x-user') ?? undefined) });
const server = createServer(yoga);
server.listen(Number(env.PORT ?? 4101), env.HOST, () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  stdout.write(`Documents example (GraphQL Yoga) at http://${env.HOST ?? 'localhost'}:${port}${yoga.graphqlEndpoint}\n`);
});
