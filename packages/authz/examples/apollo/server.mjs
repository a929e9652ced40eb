import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { argv, env, stdout } from 'node:process';
import { buildDocumentsSchema, contextFor, unguardedFieldTypeDefs } from '../documents/schema.js';

// The documents example on Apollo Server 5. Send the header `x-user: alice` (owner), `bob` (reader) or
// `carol` (no role). `--unguarded-field` adds a root field with no directive: the coverage check refuses
// to start. PORT and HOST choose where it listens.
const schema = buildDocumentsSchema(argv.includes('--unguarded-field') ? [unguardedFieldTypeDefs] : []);
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(env.PORT ?? 4100), host: env.HOST },
  context: async ({ req }) => contextFor(typeof req.headers['x-user'] === 'string' ? req.headers['x-user'] : undefined),
});
stdout.write(`Documents example (Apollo Server) at ${url}\n`);
