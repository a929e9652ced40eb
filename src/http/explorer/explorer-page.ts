import { explorerWorkers, type ExplorerAssets } from './explorer-bundle.js';

/** Where the explorer's bundled files are served. */
export const explorerAssetsPath = '/explorer/assets';

/** What the page tells a newcomer: demo sign-ins, when the server seeded the demo data. */
export interface ExplorerGuide {
  readonly demoLogins?: ReadonlyArray<{ readonly email: string; readonly description: string }>;
  readonly demoPassword?: string;
}

/**
 * The explorer's HTML: the bundled stylesheet and script, and its settings as inert JSON (no
 * inline script, so the page runs under a strict Content-Security-Policy). The request-headers
 * editor opens with `Authorization: Bearer ` ready to fill; the first tab shows how to sign in.
 */
export function explorerPage({ entries }: ExplorerAssets, guide: ExplorerGuide): string {
  const asset = (name: string) => `${explorerAssetsPath}/${name}`;
  const settings = {
    workers: Object.fromEntries(explorerWorkers.map((label) => [label, asset(entries[label])])),
    defaultQuery: defaultQuery(guide),
    defaultHeaders: JSON.stringify({ Authorization: 'Bearer ' }, null, 2),
  };
  // `<` escaped so no value can close the script element.
  const json = JSON.stringify(settings).replaceAll('<', '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rolegate explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset(entries.stylesheet)}">
<style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="explorer"></div>
<script id="explorer-settings" type="application/json">${json}</script>
<script type="module" src="${asset(entries.script)}"></script>
</body>
</html>
`;
}

function defaultQuery({ demoLogins, demoPassword }: ExplorerGuide): string {
  const signIn = demoLogins?.length
    ? [
        `# 1. Sign in: run "SignIn" below. Every demo user's password is "${demoPassword}":`,
        ...demoLogins.map(({ email, description }) => `#      ${email.padEnd(22)} ${description}`),
        '# 2. Copy accessToken into the Headers tab below: "Authorization": "Bearer <accessToken>".',
        '# 3. Run "Me". When the token expires, run SignIn again.',
        '',
        'mutation SignIn {',
        `  login(input: {email: "${demoLogins[0]?.email}", password: "${demoPassword}"}) {`,
        '    accessToken',
        '    expiresIn',
        '  }',
        '}',
      ]
    : [
        '# Sign in with the login mutation, then put the accessToken into the Headers tab below:',
        '# "Authorization": "Bearer <accessToken>".',
      ];
  return [
    '# Rolegate: every field is guarded by @auth; what you cannot see is null with NOT_FOUND.',
    '#',
    ...signIn,
    '',
    'query Me {',
    '  viewer {',
    '    login',
    '    organizations {',
    '      organization {',
    '        login',
    '        viewerPermissions',
    '      }',
    '      role {',
    '        name',
    '      }',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}
