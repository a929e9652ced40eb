// `decide(access, permission, visibilityPermission)`: the pure decision. Allow names the grant that
// gave the permission; an invisible or missing resource is NOT_FOUND, a visible one lacking it FORBIDDEN.
import { describe, expect, it } from 'vitest';
import { accessFromGrants, decide, type AccessGrant, type Decision, type ViewerAccess } from '../src/index.js';

const reader: AccessGrant = { role: 'reader', via: 'explicit', permissions: new Set(['read:doc']) };
const editor: AccessGrant = { role: 'editor', via: 'default-role', permissions: new Set(['read:doc', 'edit:doc']) };
const author: AccessGrant = { via: 'author', permissions: new Set(['edit:doc', 'delete:doc']) };
const blind: AccessGrant = { via: 'explicit', permissions: new Set(['edit:doc']) };

const doc = (...grants: AccessGrant[]): ViewerAccess => accessFromGrants('doc', 'd1', grants);

interface Case {
  readonly rule: string;
  readonly access: ViewerAccess | null;
  readonly permission: string;
  readonly visibility: string | undefined;
  readonly expected: Decision;
}

const cases: Case[] = [
  {
    rule: 'allow, returning the grant that gives the permission',
    access: doc(reader, editor),
    permission: 'edit:doc',
    visibility: 'read:doc',
    expected: { outcome: 'allow', grant: editor },
  },
  {
    rule: 'allow, returning the first of several granting grants',
    access: doc(editor, author),
    permission: 'edit:doc',
    visibility: 'read:doc',
    expected: { outcome: 'allow', grant: editor },
  },
  {
    rule: 'allow the visibility permission itself',
    access: doc(reader),
    permission: 'read:doc',
    visibility: 'read:doc',
    expected: { outcome: 'allow', grant: reader },
  },
  {
    rule: 'allow without a visibility permission on the type',
    access: doc(author),
    permission: 'delete:doc',
    visibility: undefined,
    expected: { outcome: 'allow', grant: author },
  },
  {
    rule: 'not_found when the resource does not exist (null access)',
    access: null,
    permission: 'read:doc',
    visibility: 'read:doc',
    expected: { outcome: 'not_found' },
  },
  {
    rule: 'not_found for null access even without a visibility permission',
    access: null,
    permission: 'edit:doc',
    visibility: undefined,
    expected: { outcome: 'not_found' },
  },
  {
    rule: 'not_found when the visibility permission is missing',
    access: doc(blind),
    permission: 'delete:doc',
    visibility: 'read:doc',
    expected: { outcome: 'not_found' },
  },
  {
    rule: 'not_found even when the permission is held without visibility',
    access: doc(blind),
    permission: 'edit:doc',
    visibility: 'read:doc',
    expected: { outcome: 'not_found' },
  },
  {
    rule: 'not_found with no grants at all',
    access: doc(),
    permission: 'edit:doc',
    visibility: 'read:doc',
    expected: { outcome: 'not_found' },
  },
  {
    rule: 'forbidden when visible but lacking the permission',
    access: doc(reader),
    permission: 'edit:doc',
    visibility: 'read:doc',
    expected: { outcome: 'forbidden', held: [reader] },
  },
  {
    rule: 'forbidden, not not_found, for a type without a visibility permission',
    access: doc(),
    permission: 'edit:doc',
    visibility: undefined,
    expected: { outcome: 'forbidden', held: [] },
  },
  {
    rule: 'forbidden for a type without a visibility permission when other permissions are held',
    access: doc(reader),
    permission: 'delete:doc',
    visibility: undefined,
    expected: { outcome: 'forbidden', held: [reader] },
  },
];

describe('decide', () => {
  it.each(cases)('$rule', ({ access, permission, visibility, expected }) => {
    const decision = decide(access, permission, visibility);
    expect(decision).toEqual(expected);
    if (expected.outcome === 'allow' && decision.outcome === 'allow') {
      // The very grant object, so callers can explain the decision.
      expect(decision.grant).toBe(expected.grant);
    }
  });
});
