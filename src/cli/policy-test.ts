import { cliArguments, refuseArguments, type CommandUsage } from './cli-arguments.js';
import { runCli } from './open-cli-database.js';

const command: CommandUsage = {
  usage:
    'npm run policy:test [-- [--json] [FILE or FOLDER ...]]\n\nRuns policy tests: each YAML file of policy-tests/ (or those named) against a fresh embedded database of its own holding its world, checking its expectations in order. Prints each one that does not hold as file:line with expected and actual side by side; exits 1 if any does not hold or a file is refused (each of its problems named file:line), 2 for a wrong argument. The format: policy-tests/README.md.',
  flags: [
    '--json           print the run as JSON instead (the policy snapshot and every result: what policy:impact compares)',
    '--write-schema   rewrite policy-tests/policy-test.schema.json from the format and the policy, and run nothing',
  ],
  positionals: { names: ['FILE'], min: 0, max: Number.MAX_SAFE_INTEGER },
};

/** `npm run policy:test [-- [--json] [FILE or FOLDER ...]]`: runs policy-test files (YAML), each against a fresh world. */
const { values, positionals } = cliArguments(command, { json: { type: 'boolean' }, 'write-schema': { type: 'boolean' } });
if (values['write-schema'] && (values.json || positionals.length > 0))
  refuseArguments(command, '--write-schema runs nothing: give it alone.');

runCli(async () => {
  if (values['write-schema']) {
    const { writePolicyTestSchema } = await import('../policy-tests/write-policy-test-schema.js');
    console.log(await writePolicyTestSchema());
    return;
  }
  const { policyTestPaths } = await import('../policy-tests/policy-test-files.js');
  const paths = await policyTestPaths(positionals).catch((error: unknown) => refuseArguments(command, (error as Error).message));
  const [{ runPolicyTests }, { embeddedWorldDatabases }] = await Promise.all([
    import('../policy-tests/run-policy-tests.js'),
    import('../policy-tests/world-databases.js'),
  ]);
  const run = await runPolicyTests(paths, { openDatabase: embeddedWorldDatabases(), json: values.json });
  console.log(run.text);
  if (!run.passed) process.exitCode = 1;
});
