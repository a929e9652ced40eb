// A request's decisions, counted as they are made and added to rolegate_authz_decisions_total once:
// each outcome at each coordinate counts exactly, however the sites and outcomes interleave.
import { describe, expect, it } from 'vitest';
import type { CheckSite, Decision } from '@rolegate/authz';
import { DecisionTally } from '../../src/metrics/decision-tally.js';
import { ConnectionFaultTally } from '../../src/metrics/connection-fault-tally.js';
import { Metrics } from '../../src/metrics/metrics.js';

const allow: Decision = { outcome: 'allow', grant: { via: 'membership', permissions: new Set() } };
const forbidden: Decision = { outcome: 'forbidden', held: [] };
const notFound: Decision = { outcome: 'not_found' };

function metrics(): Metrics {
  return new Metrics({
    tokenVerifications: () => ({ verified: 0, cached: 0, refused: 0 }),
    disagreements: () => new Map(),
    databasePool: async () => undefined,
    connectionFaults: () => new ConnectionFaultTally(),
  });
}

async function counts(target: Metrics): Promise<Record<string, number>> {
  const metric = await target.authzDecisions.get();
  return Object.fromEntries(metric.values.map((value) => [`${value.labels.coordinate} ${value.labels.outcome}`, value.value]));
}

const list: CheckSite = { coordinate: 'RepositoryConnection.nodes', operationName: undefined };
const readme: CheckSite = { coordinate: 'Repository.readme', operationName: undefined };
/** Another call of the same field: another site object, the same coordinate. */
const readmeAgain: CheckSite = { coordinate: 'Repository.readme', operationName: 'Again' };

describe('DecisionTally', () => {
  it.each([
    [
      'one site, one outcome',
      [
        [allow, list],
        [allow, list],
        [allow, list],
      ],
      { 'RepositoryConnection.nodes allow': 3 },
    ],
    [
      'one site, outcomes mixed',
      [
        [allow, list],
        [notFound, list],
        [allow, list],
        [forbidden, list],
      ],
      { 'RepositoryConnection.nodes allow': 2, 'RepositoryConnection.nodes not_found': 1, 'RepositoryConnection.nodes forbidden': 1 },
    ],
    [
      'sites interleaved, one coordinate from two site objects',
      [
        [allow, readme],
        [forbidden, list],
        [allow, readmeAgain],
        [allow, readme],
        [forbidden, readmeAgain],
      ],
      { 'Repository.readme allow': 3, 'Repository.readme forbidden': 1, 'RepositoryConnection.nodes forbidden': 1 },
    ],
    ['nothing decided', [], {}],
  ] as const)('%s', async (_name, decisions, expected) => {
    const target = metrics();
    const tally = new DecisionTally();
    for (const [decision, site] of decisions) tally.record(decision, site);
    tally.flushTo(target);
    expect(await counts(target)).toEqual(expected);
  });

  it('starts again after a flush: the next request counts only its own', async () => {
    const target = metrics();
    const tally = new DecisionTally();
    tally.record(allow, list);
    tally.flushTo(target);
    tally.record(allow, list);
    tally.record(notFound, readme);
    tally.flushTo(target);
    expect(await counts(target)).toEqual({ 'RepositoryConnection.nodes allow': 2, 'Repository.readme not_found': 1 });
  });
});
