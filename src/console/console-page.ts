import type { ConsoleAssets } from './console-bundle.js';

/** Where the console lives: its pages under this path, its bundled files under `assets/`. */
export const consolePath = '/console';
export const consoleAssetsPath = `${consolePath}/assets`;

/** What the browser app needs to know, handed over as inert JSON (no inline script under the CSP). */
export interface ConsoleSettings {
  /** Where the app's own pages start (client-side routes live below it). */
  readonly basePath: string;
  /** The GraphQL endpoint, same origin. */
  readonly graphqlPath: string;
}

/**
 * The console's one HTML page, for `/console` and every route below it: the bundled stylesheet and
 * script, and the settings as a `application/json` script element, which browsers never run.
 */
export function consolePage({ entries }: ConsoleAssets, settings: ConsoleSettings): string {
  const asset = (name: string) => `${consoleAssetsPath}/${name}`;
  // `<` escaped so no value can close the script element.
  const json = JSON.stringify(settings).replaceAll('<', '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GitClub console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset(entries.stylesheet)}">
</head>
<body>
<div id="console"></div>
<script id="console-settings" type="application/json">${json}</script>
<script type="module" src="${asset(entries.script)}"></script>
</body>
</html>
`;
}
