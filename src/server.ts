import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { Authorizer } from './authz/index.js';
import { AccessTokens } from './auth/access-tokens.js';
import { authenticate } from './auth/authenticate.js';
import { AuthzVersions } from './auth/authz-versions.js';
import { loadSigningKey } from './auth/signing-key.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { seedDemoData } from './db/seed.js';
import { syncPolicy } from './db/sync-policy.js';
import { gitClubAccessSources } from './gitclub/access/index.js';
import type { RequestContext } from './gitclub/context.js';
import { createLoaders } from './gitclub/loaders.js';
import { buildSchema } from './gitclub/schema.js';
import { anonymousUnauthenticatedStatus } from './http/unauthenticated-status.js';

/** A running API: its URL, its database and how to stop it. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly db: Database;
  readonly tokens: AccessTokens;
  stop(): Promise<void>;
}

/** Extra knobs for tests and the bench. */
export interface ServerOptions {
  /** Build the schema without the `@auth` transform (bench baseline only). */
  readonly authorization?: boolean;
  readonly schema?: GraphQLSchema;
  readonly onQuery?: (sql: string) => void;
  readonly host?: string;
}

/** Opens the database, migrates, syncs the policy, seeds when asked, and serves GraphQL. */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: pgliteLocation(config), onQuery: options.onQuery });
  await syncPolicy(db.em.fork());
  if (config.seedDemoData) await seedDemoData(db.em.fork());
  const key = await loadSigningKey(config.signingKey, config.dataDir === 'memory://' ? undefined : config.dataDir);
  const tokens = new AccessTokens(key, { issuer: config.tokenIssuer, audience: config.tokenAudience, lifetimeSeconds: config.accessTokenTtlSeconds });
  const sources = gitClubAccessSources;
  const versions = new AuthzVersions(async (userId) => {
    const [row] = await db.em.fork().execute<{ authz_version: number }[]>('select authz_version from users where id = ?', [userId]);
    return row?.authz_version;
  });
  const schema = options.schema ?? buildSchema({ authorization: options.authorization });

  const app = express();
  const httpServer: Server = createServer(app);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    // Stack traces would tell clients about the server's internals.
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), anonymousUnauthenticatedStatus as ApolloServerPlugin<RequestContext>],
  });
  await apollo.start();

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<RequestContext> => {
        const viewer = await authenticate(req.headers.authorization, tokens, versions);
        const em = db.em.fork();
        return {
          requestId: req.header('x-request-id')?.slice(0, 100) || randomUUID(),
          viewer,
          authorizer: viewer ? new Authorizer(viewer, sources(() => em)) : null,
          em,
          loaders: createLoaders(em),
          tokens,
          versions,
        };
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(config.port, options.host ?? '0.0.0.0', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    db,
    tokens,
    async stop() {
      await apollo.stop();
      await db.close();
    },
  };
}

function pgliteLocation(config: Config): string {
  return config.dataDir === 'memory://' ? 'memory://' : `${config.dataDir}/pglite`;
}
