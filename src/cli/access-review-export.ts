import { cliArguments, refuseArguments, type CommandUsage } from './cli-arguments.js';
import { openCliDatabase, runCli } from './open-cli-database.js';

const command: CommandUsage = {
  usage: `npm run access-review:export -- --review ID

Writes an access review's items and their decisions to stdout as JSON Lines, in the order reviewers
read them, one item a line: whose access (user), what it was (kind, resource, role or permission),
the decision (keep, revoke, or null while undecided), who took it (a login, or system for the due
date), when, with which note, and whether a revocation removed it. The evidence an auditor asks for.
A summary goes to stderr: stdout stays valid JSON Lines.`,
  flags: ['--review ID   the access review (required; its id, from Organization.accessReviews)'],
};

/** `npm run access-review:export -- --review ID`: an access review's decisions as JSON Lines (see `reviewExportLines`). */
const { values } = cliArguments(command, { review: { type: 'string' } });
const { isUuid } = await import('../gitclub/validation.js');
if (!values.review) refuseArguments(command, '--review is required: the id of the access review to export.');
if (!isUuid(values.review)) refuseArguments(command, `--review must be an access review's id (a UUID); got "${values.review}".`);
const reviewId = values.review;

runCli(async () => {
  const { findReviewToExport, reviewExportLines } = await import('../gitclub/access-review/review-export.js');
  const db = await openCliDatabase();
  try {
    const em = db.em.fork();
    const review = await findReviewToExport(em, reviewId);
    if (!review) throw new Error(`No access review "${reviewId}".`);
    const counts = { items: 0, keep: 0, revoke: 0, undecided: 0 };
    for await (const line of reviewExportLines(em, reviewId, review.organization)) {
      process.stdout.write(`${JSON.stringify(line)}\n`);
      counts.items += 1;
      counts[line.decision === 'keep' ? 'keep' : line.decision === 'revoke' ? 'revoke' : 'undecided'] += 1;
    }
    const state = review.closedAt ? `closed ${review.closedAt.toISOString()}` : `due ${review.dueAt.toISOString()}`;
    console.error(
      `Exported ${counts.items} items of access review ${reviewId} (${review.organization}, ${state}): ${counts.keep} kept, ${counts.revoke} revoked, ${counts.undecided} undecided.`,
    );
  } finally {
    await db.close();
  }
});
