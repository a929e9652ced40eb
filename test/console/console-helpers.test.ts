// The console's pure helpers, without a browser: when tokens are renewed, which roles a picker
// offers, how addresses read.
import { describe, expect, it } from 'vitest';
import { assignableRoles } from '../../src/console/app/pages/assignable-roles.js';
import { matchRoute } from '../../src/console/app/routing/routes.js';
import { renewalDelaySeconds } from '../../src/console/app/session/renewal-delay.js';

describe('renewalDelaySeconds: renew before the access token expires', () => {
  it.each([
    [600, 540],
    [120, 60],
    [30, 15],
  ])('a token of %i s is renewed after %i s', (expiresIn, delay) => {
    expect(renewalDelaySeconds(expiresIn)).toBe(delay);
    expect(renewalDelaySeconds(expiresIn)).toBeLessThan(expiresIn);
  });
});

describe('assignableRoles: offers the roles whose permissions the viewer holds there', () => {
  const roles = [
    { name: 'admin', resourceType: 'ORGANIZATION', permissions: ['read:organization', 'manage_members:organization'] },
    { name: 'member', resourceType: 'ORGANIZATION', permissions: ['read:organization'] },
    { name: 'contributor', resourceType: 'REPOSITORY', permissions: ['read:repository'] },
  ];
  it.each([
    [
      ['read:organization', 'manage_members:organization'],
      ['admin', 'member'],
    ],
    [['read:organization'], ['member']],
    [[], []],
  ])('holding %o: %o', (held, offered) => {
    expect(assignableRoles(roles, 'ORGANIZATION', held).map((role) => role.name)).toEqual(offered);
  });
});

describe('matchRoute', () => {
  it.each([
    ['/', { page: 'home' }],
    ['/orgs/beatles', { page: 'organization', organization: 'beatles' }],
    ['/orgs/beatles/members', { page: 'members', organization: 'beatles' }],
    ['/orgs/beatles/audit-log', { page: 'audit-log', organization: 'beatles' }],
    ['/orgs/beatles/access-reviews', { page: 'access-reviews', organization: 'beatles' }],
    ['/repos/beatles/abbey-road', { page: 'repository', owner: 'beatles', name: 'abbey-road' }],
    ['/orgs/beatles/nothing', { page: 'not-found' }],
    ['/elsewhere', { page: 'not-found' }],
  ])('%s', (route, expected) => {
    expect(matchRoute(route)).toEqual(expected);
  });
});
