import { cliArguments } from './cli-arguments.js';

/** `npm run schema:print`: the complete SDL to stdout (what schema.graphql holds). */
cliArguments(
  {
    usage:
      'npm run schema:print [-- --help]\n\nPrints the complete SDL of the API (directive definitions included) to stdout: what schema.graphql holds, for code generators.',
  },
  {},
);
const { printApiSchema } = await import('../gitclub/print-schema.js');
process.stdout.write(printApiSchema());
