import { notFoundError, unauthenticatedError } from '@rolegate/authz';
import { badUserInputError } from '../../errors/graphql-errors.js';
import { hashPassword } from '../../auth/password.js';
import { transact } from '../access-changes.js';
import { refusal } from '../../errors/refusal.js';
import { UserEntity, type User } from '../entities/user.entity.js';
import { requireViewer, type RequestContext } from '../context.js';
import { requireEmail, requireLogin, requireText } from '../validation.js';
import { sessionResolvers } from './session.resolvers.js';
import { connection, pageRequest, type PageArgs, type PageRequest } from '../pagination.js';
import { viewerRepositoryCursorKey } from '../repository/readable-repositories.js';

/** Resolvers for users, sign-up and sessions. */
export const userResolvers = {
  Query: {
    viewer: async (_: unknown, _args: unknown, context: RequestContext) => {
      const { viewer } = requireViewer(context);
      const user = await context.loaders.user.load(viewer.id);
      if (!user) throw unauthenticatedError('Your account no longer exists.');
      return user;
    },
    user: async (_: unknown, args: { login: string }, context: RequestContext) => {
      const user = await context.em.findOne(UserEntity, { login: args.login });
      if (!user) throw notFoundError();
      return user;
    },
  },
  User: {
    organizations: async (user: User, _args: unknown, context: RequestContext) =>
      user.id === context.viewer?.id
        ? (await context.loaders.memberships.load(user.id)).map((membership) => ({ user, ...membership }))
        : [],
    repositories: (user: User, args: PageArgs, context: RequestContext) => {
      const page = pageRequest(args);
      return user.id === context.viewer?.id
        ? viewerRepositories(context, page)
        : connection(
            [],
            page,
            () => '',
            async () => 0,
          );
    },
  },
  Mutation: {
    signUp: async (
      _: unknown,
      { input }: { input: { login: string; name: string; email: string; password: string } },
      context: RequestContext,
    ) => {
      // Counted first, so neither the taken-email answer nor the scrypt hash comes unthrottled.
      await context.signInThrottle.beforeAttempt();
      const login = requireLogin(input.login, 'input.login');
      const email = requireEmail(input.email, 'input.email');
      const name = requireText(input.name, 'input.name', 100);
      if (input.password.length < 8 || input.password.length > 200) {
        throw badUserInputError('"input.password" must be 8 to 200 characters.', { argument: 'input.password' });
      }
      const alreadyTaken = 'That login or email is already taken.';
      const taken = await context.em.findOne(UserEntity, { $or: [{ login }, { email }] });
      if (taken) throw refusal('ALREADY_EXISTS', alreadyTaken, { argument: taken.login === login ? 'input.login' : 'input.email' });
      const passwordHash = await hashPassword(input.password);
      // Two sign-ups with the same login at the same moment: the second answers ALREADY_EXISTS, not an internal error.
      const user = await transact(
        context,
        async ({ tx }) => tx.create(UserEntity, { login, email, name, passwordHash, suspendedAt: null }),
        { alreadyExists: alreadyTaken },
      );
      return { user };
    },
    ...sessionResolvers,
  },
};

/** The viewer's repositories across organizations as a connection, each page read once per request (the loader). */
async function viewerRepositories(context: RequestContext, page: PageRequest) {
  const { repositories, ownerOf, count } = await context.loaders.viewerRepositories.load(page);
  return connection(
    repositories,
    page,
    (repository) => viewerRepositoryCursorKey(ownerOf.get(repository.id) ?? '', repository.name),
    count,
  );
}
