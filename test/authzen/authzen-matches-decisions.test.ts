// The AuthZEN decision point against the decisions, as a property over random worlds (see
// test/helpers/random-world.ts): an evaluation allows exactly what explainAccess's decision allows
// (suspended users refused), a subject search lists exactly the people peopleWithAccess lists who
// are not suspended, a resource search lists exactly the resources of a type the person may act on,
// and an action search exactly the actions the decision allows there. Over HTTP, as a PDP client.
import { Authorizer } from '@rolegate/authz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthenticatedViewer } from '../../src/auth/viewer.js';
import type { EntityManager } from '../../src/db/database.js';
import type { HeldResourceType } from '../../src/gitclub/access-holders/held-resource-types.js';
import { noAccessHooks } from '../../src/gitclub/access/access-hooks.js';
import { gitClubAccessSources } from '../../src/gitclub/access/index.js';
import { buildWorld, permissionsOf, propertyWorldSeeds } from '../helpers/random-world.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { pdpClientOf, postAuthzen } from './authzen-client.js';

let api: TestServer;
let em: EntityManager;
let client: string;
beforeAll(async () => {
  api = await startTestServer();
  em = api.server.db.em.fork();
  client = await pdpClientOf(api, 'property');
});
afterAll(async () => {
  await api?.stop();
});

/** Every page of a search, 3 at a time (paging is exercised on every list longer than 3). */
async function searched(path: string, body: Record<string, unknown>): Promise<Record<string, string>[]> {
  const results: Record<string, string>[] = [];
  let token: string | undefined;
  for (;;) {
    const answer = await postAuthzen(api, path, client, { ...body, page: { limit: 3, ...(token ? { token } : {}) } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    results.push(...(answer.body.results as Record<string, string>[]));
    token = (answer.body.page as { next_token: string }).next_token;
    if (token === '') return results;
  }
}

const action = (permission: string) => permission.slice(0, permission.indexOf(':'));

describe('the AuthZEN decision point agrees with the decisions', () => {
  it.each(propertyWorldSeeds())('world %i: evaluations, subject, resource and action searches', async (seed) => {
    const world = await buildWorld(em, seed);
    const people = await em.execute<{ id: string; login: string; suspended: boolean; staff: boolean }[]>(
      `select u.id, u.login, u.suspended_at is not null as suspended,
         exists (select 1 from role_assignments ra where ra.user_id = u.id and ra.resource_type = 'platform') as staff
       from users u where u.id = any(?::uuid[]) or u.id in (select user_id from role_assignments where resource_type = 'platform')`,
      [`{${world.users.join(',')}}`],
    );
    const checks = world.resources.flatMap((resource) => permissionsOf(resource.type).map((permission) => ({ ...resource, permission })));
    // The decisions explainAccess makes: roles and grants from the database, each resource loaded once per person.
    const allowed = new Map<string, boolean[]>();
    for (const person of people) {
      const subject: AuthenticatedViewer = { id: person.id, organizationRoles: new Map(), mayHoldGrants: true };
      const authorizer = new Authorizer({ viewer: subject, sources: gitClubAccessSources(() => em, noAccessHooks) });
      const decisions = await Promise.all(checks.map((check) => authorizer.evaluate(check.permission, check.type, check.id)));
      allowed.set(
        person.id,
        decisions.map((decision) => decision.outcome === 'allow' && !person.suspended),
      );
    }

    // Evaluations: one batch per person.
    for (const person of people) {
      const answer = await postAuthzen(api, '/access/v1/evaluations', client, {
        subject: { type: 'user', id: person.id },
        evaluations: checks.map((check) => ({ action: { name: action(check.permission) }, resource: { type: check.type, id: check.id } })),
      });
      const decisions = (answer.body.evaluations as { decision: boolean }[]).map((decision) => decision.decision);
      expect(decisions, `seed ${seed}: ${person.login}'s evaluations`).toEqual(allowed.get(person.id));
    }

    // Subject search: everyone allowed, by login (people of other worlds hold nothing here, but platform staff may).
    for (const [index, check] of checks.entries()) {
      const expected = people
        .filter((person) => allowed.get(person.id)?.[index])
        .sort((a, b) => (a.login < b.login ? -1 : 1))
        .map((person) => ({ type: 'user', id: person.id }));
      const results = await searched('/access/v1/search/subject', {
        subject: { type: 'user' },
        action: { name: action(check.permission) },
        resource: { type: check.type, id: check.id },
      });
      expect(results, `seed ${seed}: who may ${check.permission} on ${check.type} ${check.id}`).toEqual(expected);
    }

    // Resource search and action search for the world's own people (platform staff's reach into every tenant is decided, not
    // listed): each person searches a third of the permissions of each type, a different third from the next person.
    for (const [position, person] of people.filter((candidate) => world.users.includes(candidate.id) && !candidate.staff).entries()) {
      const decided = allowed.get(person.id) ?? [];
      for (const type of ['organization', 'repository', 'issue'] as HeldResourceType[]) {
        for (const permission of permissionsOf(type).filter((_, index) => index % 3 === position % 3)) {
          const expected = checks
            .filter((check, index) => check.type === type && check.permission === permission && decided[index])
            .map((check) => check.id);
          const results = await searched('/access/v1/search/resource', {
            subject: { type: 'user', id: person.id },
            action: { name: action(permission) },
            resource: { type },
          });
          expect(results.map((result) => result.id).sort(), `seed ${seed}: where ${person.login} may ${permission}`).toEqual(
            expected.sort(),
          );
        }
      }
      for (const resource of world.resources) {
        const expected = checks
          .filter((check, index) => check.id === resource.id && decided[index])
          .map((check) => action(check.permission))
          .sort();
        const results = await searched('/access/v1/search/action', { subject: { type: 'user', id: person.id }, resource });
        expect(
          results.map((result) => result.name),
          `seed ${seed}: what ${person.login} may do on ${resource.type} ${resource.id}`,
        ).toEqual(expected);
      }
    }
  });
});
