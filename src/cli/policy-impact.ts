import { cliArguments, refuseArguments, type CommandUsage } from './cli-arguments.js';
import { runCli } from './open-cli-database.js';

const command: CommandUsage = {
  usage:
    'npm run policy:impact -- --base REF [FILE or FOLDER ...]\n\nWhat a change to the policy would do, before it ships: runs the policy tests of policy-tests/ (or those named) with the code of REF (a temporary git worktree) and with the working tree, the same runner on both, and prints which built-in role gains or loses which permission, which permissions come or go, which schema coordinates change their guard, and which expectations would flip (or change their answer). Exits 0 once it has compared, whatever it found; 1 if either side cannot run; 2 for a wrong argument.',
  flags: ['--base REF   the commit to compare the working tree with: HEAD~1, main, a tag or a hash (required)'],
  positionals: { names: ['FILE'], min: 0, max: Number.MAX_SAFE_INTEGER },
};

/** `npm run policy:impact -- --base REF [FILE or FOLDER ...]`: the policy's change against REF, and the expectations it flips. */
const { values, positionals } = cliArguments(command, { base: { type: 'string' } });
if (!values.base) refuseArguments(command, '--base is required: the commit to compare the working tree with (HEAD~1, main, a hash).');
const base = values.base;

runCli(async () => {
  const [{ projectRoot }, { commitOf }, { policyTestPaths }] = await Promise.all([
    import('../project-root.js'),
    import('../policy-tests/impact/base-worktree.js'),
    import('../policy-tests/policy-test-files.js'),
  ]);
  const commit = await commitOf(projectRoot, base);
  if (!commit) refuseArguments(command, `--base "${base}" names no commit of this repository.`);
  const paths = await policyTestPaths(positionals).catch((error: unknown) => refuseArguments(command, (error as Error).message));
  const [{ policyImpact }, { formatImpact }] = await Promise.all([
    import('../policy-tests/impact/policy-impact.js'),
    import('../policy-tests/impact/format-impact.js'),
  ]);
  const impact = await policyImpact(
    projectRoot,
    commit,
    paths.map(({ path }) => path),
  );
  console.log(formatImpact(impact, `${base} (${commit.slice(0, 7)})`));
});
