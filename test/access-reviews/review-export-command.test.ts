// `npm run access-review:export -- --review ID`: every item of a review as JSON Lines, in review order,
// with who decided what, when, with which note (the evidence an auditor asks for); a summary on
// stderr; an unknown review refused with exit 1. One database: a server makes the review and its
// decisions, then the command (compiled, run with node) reads it.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledCommands, type CompiledCommands } from '../cli/compiled-commands.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { startTestServer } from '../helpers/test-server.js';

let dataDir: string;
let database: TestDatabase;
let cliEnv: Record<string, string>;
let reviewId: string;
let commands: CompiledCommands;

beforeAll(async () => {
  commands = await compiledCommands();
  dataDir = await mkdtemp(join(tmpdir(), 'rolegate-review-export-'));
  database = await createTestDatabase({ from: 'seeded' });
  await database.prepareDataDir(dataDir);
  cliEnv = { DATA_DIR: dataDir, DATABASE_URL: database.databaseUrl ?? '', REDIS_URL: '' };
  const api = await startTestServer({ expiredGrantsSweepMs: 0 }, { DATA_DIR: dataDir }, database);
  try {
    const started = await api.setup(
      'john',
      `mutation($o: ID!, $due: String!) { startAccessReview(input: {organizationId: $o, dueAt: $due, whenUndecided: KEEP}) {
        accessReview { id items(first: 100) { nodes { id user { login } kind } } } } }`,
      { o: api.ids.beatles, due: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    );
    const review = (
      started.startAccessReview as {
        accessReview: { id: string; items: { nodes: { id: string; user: { login: string }; kind: string }[] } };
      }
    ).accessReview;
    reviewId = review.id;
    const itemOf = (login: string, kind: string) => review.items.nodes.find((item) => item.user.login === login && item.kind === kind)?.id;
    const decide =
      'mutation($i: ID!, $d: AccessReviewDecision!, $n: String) { decideAccessReviewItem(input: {itemId: $i, decision: $d, note: $n}) { item { id } } }';
    await api.setup('john', decide, { i: itemOf('ringo', 'MEMBERSHIP'), d: 'KEEP', n: 'plays the drums' });
    await api.setup('john', decide, { i: itemOf('randall', 'REPOSITORY_ROLE'), d: 'REVOKE', n: 'contract ended' });
  } finally {
    await api.stopServer();
  }
}, 120_000);
afterAll(async () => {
  await commands?.remove();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run access-review:export', () => {
  it('writes every item as a JSON line, its decision with who, when and why; a summary on stderr', async () => {
    const { code, stdout, stderr } = await commands.run('access-review:export', ['--review', reviewId], cliEnv);
    expect(code, stderr).toBe(0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => `${line.user} ${line.kind} ${line.resource} ${line.decision}`)).toEqual([
      'bill membership beatles null',
      'george membership beatles null',
      'george repository_role beatles/infra null',
      'john membership beatles null',
      'john repository_role beatles/abbey-road null',
      'paul membership beatles null',
      'randall repository_role beatles/abbey-road revoke',
      'ringo membership beatles keep',
      'ringo repository_role beatles/abbey-road null',
    ]);
    expect(lines.find((line) => line.user === 'randall')).toMatchObject({
      review: reviewId,
      organization: 'beatles',
      position: 7,
      resourceType: 'repository',
      role: 'contributor',
      customRole: false,
      decision: 'revoke',
      decidedBy: 'john',
      note: 'contract ended',
      removed: true,
    });
    expect(lines.find((line) => line.decision === 'keep')).toMatchObject({
      user: 'ringo',
      decidedBy: 'john',
      note: 'plays the drums',
      removed: null,
    });
    expect(Date.parse(String(lines.find((line) => line.decision === 'keep')?.decidedAt))).not.toBeNaN();
    expect(lines.find((line) => line.user === 'george' && line.kind === 'repository_role')).toMatchObject({
      role: 'ci-cd',
      customRole: true,
    });
    expect(stderr).toMatch(
      new RegExp(`^Exported 9 items of access review ${reviewId} \\(beatles, due .*\\): 1 kept, 1 revoked, 7 undecided\\.\\n$`),
    );
  }, 60_000);

  it('refuses a review that does not exist: exit 1, naming it', async () => {
    const missing = randomUUID();
    const { code, stdout, stderr } = await commands.run('access-review:export', ['--review', missing], cliEnv);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`No access review "${missing}".\n`);
  }, 60_000);
});
