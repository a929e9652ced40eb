import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  accessFromGrants,
  assertAuthCoverage,
  authDirectiveTransformer,
  authDirectivesTypeDefs,
  Authorizer,
  createPermissionCatalog,
  type AccessSource,
  type Viewer,
} from '@rolegate/authz';
import type { GraphQLSchema } from 'graphql';

/**
 * A schema that is not GitClub, guarded by @rolegate/authz: folders hold documents; a folder role
 * (owner or reader) gives permissions on the folder and on every document in it. Data lives in memory.
 */
export const catalog = createPermissionCatalog({
  folder: { read: 'See the folder and its documents.', share: 'Give others a role on the folder.' },
  document: { read: 'See the document.', edit: 'Change the document.' },
});

const roles: Record<string, string[]> = {
  owner: ['read:folder', 'share:folder', 'read:document', 'edit:document'],
  reader: ['read:folder', 'read:document'],
};
const folders = new Map([
  [
    'f1',
    {
      id: 'f1',
      name: 'Plans',
      roles: new Map([
        ['alice', 'owner'],
        ['bob', 'reader'],
      ]),
    },
  ],
]);
const documents = new Map([
  ['d1', { id: 'd1', folderId: 'f1', title: 'Roadmap' }],
  ['d2', { id: 'd2', folderId: 'f1', title: 'Budget' }],
]);

/** One access source per resource type: the folder's role; a document asks for its folder's (batched). */
const sources = new Map<string, AccessSource>([
  [
    'folder',
    {
      resourceType: 'folder',
      visibilityPermission: 'read:folder',
      loadAccess: async (ids, viewer) =>
        ids.map((id) => {
          const role = folders.get(id)?.roles.get(viewer.id);
          return folders.has(id)
            ? accessFromGrants('folder', id, role ? [{ role, via: 'folder-role', permissions: new Set(roles[role]) }] : [])
            : null;
        }),
    },
  ],
  [
    'document',
    {
      resourceType: 'document',
      visibilityPermission: 'read:document',
      loadAccess: (ids, _viewer, authorizer) =>
        Promise.all(
          ids.map(async (id) => {
            const folder = documents.has(id) ? await authorizer.access('folder', documents.get(id)?.folderId ?? '') : null;
            return folder && accessFromGrants('document', id, folder.grants);
          }),
        ),
    },
  ],
]);

const typeDefs = /* GraphQL */ `
  type Folder @auth(permission: "read:folder") {
    id: ID!
    name: String!
    documents: [Document!]!
  }
  type Document @auth(permission: "read:document") {
    id: ID!
    title: String!
  }
  type Query {
    folder(id: ID!): Folder @auth(permission: "read:folder", resource: "id")
  }
  type Mutation {
    renameDocument(id: ID!, title: String!): Document @auth(permission: "edit:document", resource: "id")
  }
`;

const resolvers = {
  Query: { folder: (_: unknown, { id }: { id: string }) => folders.get(id) },
  Folder: { documents: (folder: { id: string }) => [...documents.values()].filter((document) => document.folderId === folder.id) },
  Mutation: {
    renameDocument: (_: unknown, { id, title }: { id: string; title: string }) => Object.assign(documents.get(id) ?? {}, { title }),
  },
};

/** What each request carries: its authorizer (null when anonymous). */
export interface DocumentsContext {
  readonly authorizer: Authorizer | null;
}

/** The per-request context for a viewer id (or none). */
export const contextFor = (viewerId: string | undefined): DocumentsContext => ({
  authorizer: viewerId ? new Authorizer<Viewer>({ viewer: { id: viewerId }, sources }) : null,
});

/**
 * A root field with no directive, for showing the coverage check: a schema with it refuses to build
 * (`Root field Query.allDocuments has no @auth, @authenticated or @public directive.`).
 */
export const unguardedFieldTypeDefs = /* GraphQL */ `
  extend type Query {
    allDocuments: [Document!]!
  }
`;

/** The guarded, executable schema (plus `extraTypeDefs`); refuses to build if a root field carries no directive. */
export function buildDocumentsSchema(extraTypeDefs: readonly string[] = []): GraphQLSchema {
  const schema = makeExecutableSchema({ typeDefs: [authDirectivesTypeDefs, typeDefs, ...extraTypeDefs], resolvers });
  assertAuthCoverage(schema, catalog);
  return authDirectiveTransformer(schema, { catalog, authorizerOf: (context: DocumentsContext) => context.authorizer });
}
