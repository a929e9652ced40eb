import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, execute, parse, validate, type DocumentNode, type GraphQLError } from 'graphql';

/** Runs one SQL statement with positional parameters ($1, $2...) and returns its rows. */
export type RunSql = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

const schema = buildSchema(`
  type Query { organization(login: String!): Organization }
  type Organization { id: ID! repositories(first: Int): RepositoryConnection! }
  type RepositoryConnection { nodes: [Repository!]! }
  type Repository { id: ID! name: String! }
`);

/**
 * The physical floor of the lean list on this machine: graphql-js over the database driver, with
 * no ORM, no Apollo Server, no authentication and no authorization: one statement to find the
 * organization, one for its repositories. What the real server cannot beat.
 */
export async function startFloorServer(runSql: RunSql, onStatement: () => void): Promise<{ url: string; server: Server }> {
  const run: RunSql = (sql, params) => {
    onStatement();
    return runSql(sql, params);
  };
  const rootValue = {
    organization: async ({ login }: { login: string }) => {
      const [organization] = await run('select id from organizations where login = $1', [login]);
      if (!organization) return null;
      return {
        id: organization.id,
        repositories: async ({ first }: { first?: number }) => ({
          nodes: await run('select id, name from repositories where organization_id = $1 order by name limit $2', [
            organization.id,
            first ?? 20,
          ]),
        }),
      };
    },
  };
  // Parsed and validated once per document text, as Apollo Server's document cache does for the real
  // server: a floor that parsed every request would be slower than the server it is the floor of.
  const documents = new Map<string, { document: DocumentNode } | { errors: readonly GraphQLError[] }>();
  const validDocument = (query: string) => {
    let valid = documents.get(query);
    if (!valid) {
      const document = parse(query);
      const errors = validate(schema, document);
      valid = errors.length > 0 ? { errors } : { document };
      documents.set(query, valid);
    }
    return valid;
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      const valid = validDocument(query);
      void Promise.resolve(
        'errors' in valid ? { errors: valid.errors } : execute({ schema, document: valid.document, rootValue, variableValues: variables }),
      ).then((result) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(result));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}
