import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderConfigurationDoc } from '../config-reference.js';
import { projectRoot } from '../project-root.js';
import { cliArguments } from './cli-arguments.js';

/** Where `npm run docs:config` writes the configuration reference, and where its staleness test reads the committed copy. */
export const configurationDocPath = join(projectRoot, 'docs', 'configuration.md');

/** `npm run docs:config`: writes docs/configuration.md from src/config-reference.ts. */
export function writeConfigurationDoc(): void {
  writeFileSync(configurationDocPath, renderConfigurationDoc());
  console.log(`Wrote ${relative(process.cwd(), configurationDocPath)}`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  cliArguments(
    {
      usage: 'npm run docs:config [-- --help]\n\nWrites docs/configuration.md, the configuration reference, from src/config-reference.ts.',
    },
    {},
  );
  writeConfigurationDoc();
}
