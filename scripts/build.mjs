// `npm run build`: the server compiled to one JavaScript file, dist/main.js, which `npm start` runs
// when it is newer than the sources (scripts/start.mjs); each command-line tool to
// dist/cli/<name>.js, which the production image runs (`node dist/cli/roles-report.js`); and the
// console and the explorer (browser apps) to dist/assets/<name>/, content-hashed files that
// dist/main.js serves as they are (from the sources, the server bundles them in memory instead).
// The app and @rolegate/authz (TypeScript sources) are bundled; every other package stays in
// node_modules. No type checking here: that is `npm run typecheck`. The steps are in build-steps.ts.
import { rm } from 'node:fs/promises';
import { tsImport } from 'tsx/esm/api';

const { compileCommands, compileServer, writeBrowserApps } = await tsImport('./build-steps.ts', import.meta.url);

await rm('dist', { recursive: true, force: true });
const [, commands] = await Promise.all([compileServer('dist'), compileCommands('dist/cli'), writeBrowserApps('dist')]);
console.log(`Built dist/main.js, dist/tracing.js, ${commands} commands in dist/cli/ and the browser apps in dist/assets/`);
