import { badUserInputError } from '../../errors/graphql-errors.js';
import { transact } from '../access-changes.js';
import { requireViewer, type RequestContext } from '../context.js';
import { UserEntity, type User } from '../entities/user.entity.js';
import { platformId } from '../policy/policy.js';
import { setSuspendedInUnit } from './suspend-user.js';
import { requireUuid } from '../validation.js';

/** Suspension by platform admins: a suspended user is refused on every request, at once. */
export const suspensionResolvers = {
  User: {
    suspended: (user: User) => user.suspendedAt !== null && user.suspendedAt !== undefined,
  },
  Mutation: {
    suspendUser: (_: unknown, { input }: { input: { userId: string } }, context: RequestContext) =>
      setSuspended(context, input.userId, true),
    reactivateUser: (_: unknown, { input }: { input: { userId: string } }, context: RequestContext) =>
      setSuspended(context, input.userId, false),
  },
};

async function setSuspended(context: RequestContext, userIdInput: string, suspend: boolean) {
  const { viewer, authorizer } = requireViewer(context);
  await authorizer.authorize('manage_users:platform', 'platform', platformId);
  const userId = requireUuid(userIdInput, 'input.userId');
  if (userId === viewer.id) throw badUserInputError('You cannot suspend or reactivate yourself.', { argument: 'input.userId' });
  await transact(context, (unit) => setSuspendedInUnit(unit, userId, suspend));
  return { user: await context.em.findOne(UserEntity, { id: userId }, { refresh: true }) };
}
