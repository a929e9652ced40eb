// The console's access reports without a browser: the words of each path (chips and CSV), the CSV
// itself, reading a connection to its end, and the chips as React renders them.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { allPages, type ConnectionPage } from '../../src/console/app/api/all-pages.js';
import { csvText } from '../../src/console/app/download/csv-text.js';
import { AccessPathChips } from '../../src/console/app/pages/access-path-chips.js';
import { accessPathLabel, accessPathText, permissionsByPaths } from '../../src/console/app/pages/access-paths.js';
import { holdersCsv } from '../../src/console/app/pages/people-with-access-csv.js';

const until = '2030-01-31T12:00:00.000Z';
const path = (via: string, role: string | null = null, expiresAt: string | null = null) => ({
  via,
  role,
  expiresAt,
  description: `${via}.`,
});

describe('accessPathLabel: every way of holding, in a few words', () => {
  it.each([
    [path('membership', 'admin'), 'admin (organization role)'],
    [path('explicit', 'ci-cd'), 'ci-cd (assigned here)'],
    [path('default-role', 'contributor'), 'contributor (default role)'],
    [path('organization-admin', 'maintainer'), 'maintainer (organization admin)'],
    [path('grant', null, until), 'grant'],
    [path('author'), 'author'],
    [path('repository:read'), 'reads the repository'],
    [path('repository:manage_issues'), 'manages issues on the repository'],
    [path('platform', 'support'), 'support (platform role)'],
    // A way the console does not know yet reads as the API names it.
    [path('legacy'), 'legacy'],
    [path('someday', 'keeper'), 'keeper (someday)'],
  ])('%o: %s', (shown, label) => {
    expect(accessPathLabel(shown)).toBe(label);
  });

  it('a file says when a grant ends, as ISO 8601', () => {
    expect(accessPathText(path('grant', null, until))).toBe(`grant until ${until}`);
    expect(accessPathText(path('default-role', 'contributor'))).toBe('contributor (default role)');
  });
});

describe('permissionsByPaths: permissions held the same way read as one line', () => {
  it('gathers by the paths, in the order first met', () => {
    const member = path('membership', 'member');
    const grant = path('grant', null, until);
    expect(
      permissionsByPaths([
        { permission: 'read:organization', via: [member] },
        { permission: 'read_members:organization', via: [member] },
        { permission: 'read_audit_log:organization', via: [grant] },
        { permission: 'create_repository:organization', via: [path('membership', 'member')] },
      ]),
    ).toEqual([
      { via: [member], permissions: ['read:organization', 'read_members:organization', 'create_repository:organization'] },
      { via: [grant], permissions: ['read_audit_log:organization'] },
    ]);
  });
});

describe('csvText: RFC 4180, safe to open in a spreadsheet', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['', ''],
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@sum', "'@sum"],
  ])('%j is written %s', (field, written) => {
    expect(csvText([[field, 'x']])).toBe(`${written},x\r\n`);
  });

  it('holders: login, name and the paths in words', () => {
    expect(
      holdersCsv([
        { user: { login: 'george', name: 'George, "the quiet one"' }, via: [path('grant', null, until), path('explicit', 'ci-cd')] },
        { user: { login: 'john', name: 'John' }, via: [path('organization-admin', 'maintainer')] },
      ]),
    ).toBe(
      'login,name,paths\r\n' +
        `george,"George, ""the quiet one""",grant until ${until}; ci-cd (assigned here)\r\n` +
        'john,John,maintainer (organization admin)\r\n',
    );
  });
});

describe('allPages: a connection read to its end', () => {
  const pages: Record<string, ConnectionPage<number>> = {
    start: { nodes: [1, 2], pageInfo: { hasNextPage: true, endCursor: 'a' } },
    a: { nodes: [3, 4], pageInfo: { hasNextPage: true, endCursor: 'b' } },
    b: { nodes: [5], pageInfo: { hasNextPage: false, endCursor: 'c' } },
  };
  const asked: Array<string | null> = [];
  const fetchPage = async (after: string | null) => {
    asked.push(after);
    return pages[after ?? 'start']!;
  };

  it('asks page after page with the last cursor until there is no next page', async () => {
    asked.length = 0;
    expect(await allPages(fetchPage)).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([null, 'a', 'b']);
  });

  it('stops at maxPages when asked to', async () => {
    expect(await allPages(fetchPage, { maxPages: 2 })).toEqual([1, 2, 3, 4]);
  });

  it('refuses a next page without a new cursor instead of looping or stopping short', async () => {
    const stuck = async () => ({ nodes: [1], pageInfo: { hasNextPage: true, endCursor: null } });
    await expect(allPages(stuck)).rejects.toThrow('The server said there is more, but gave no way to ask for it.');
  });
});

describe('AccessPathChips', () => {
  it('one chip per path, its sentence as the tooltip; a grant says when it ends', () => {
    const html = renderToStaticMarkup(
      createElement(AccessPathChips, { via: [path('default-role', 'contributor'), path('grant', null, until)] }),
    );
    expect(html).toContain('<li class="chip" title="default-role.">contributor (default role)</li>');
    expect(html).toMatch(new RegExp(`<li class="chip chip-ends" title="grant.">grant until <time dateTime="${until}">[^<]+</time></li>`));
  });
});
