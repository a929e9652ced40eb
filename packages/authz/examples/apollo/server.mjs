import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildDocumentsSchema, contextFor, type DocumentsContext } from './schema.js';

/** The example, served: `npm run example -w @rolegate/authz`, then send `x-user: alice` (owner), `bob` (reader) or `carol` (nothing). */
const server = new ApolloServer<DocumentsContext>({ schema: buildDocumentsSchema() });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT ?? 4100) },
  context: async ({ req }) => contextFor(typeof req.headers['x-user'] === 'string' ? req.headers['x-user'] : undefined),
});
console.log(`Documents example at ${url} (header x-user: alice, bob or carol)`);
