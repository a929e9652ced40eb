import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

/**
 * graphql-jit 0.8.9 turns a string literal starting with its date marker into code of the server
 * (see src/http/safe-to-compile.ts). Through the real server, with every document compiled at its
 * first execution: whoever sends that text, anonymous or signed in, in a query or a mutation, runs
 * nothing, gets what graphql-js answers (a title is stored as the text it is), and a query is
 * counted as refused (a mutation is never compiled: it executes with graphql-js).
 */
const marker = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d';
const payloadSetting = (flag: string) => `${marker}1),[globalThis.${flag}=1]:(0`;
const literal = (flag: string) => JSON.stringify(payloadSetting(flag));

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({}, { GRAPHQL_COMPILE_AFTER: '0', METRICS_TOKEN: 'scrape-secret' });
}, 120_000);
afterAll(async () => {
  await api?.stop();
});

async function refusedCompilations(): Promise<number> {
  const response = await fetch(new URL('/metrics', api.server.url), { headers: { authorization: 'Bearer scrape-secret' } });
  const line = (await response.text())
    .split('\n')
    .find((candidate) => candidate.startsWith('rolegate_graphql_compilations_total{result="refused"} '));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

describe('a string that graphql-jit would run as code', () => {
  const cases: [
    Persona,
    string,
    (flag: string) => string,
    (data: Record<string, unknown> | null | undefined, flag: string) => void,
    refusedCompilations: number,
  ][] = [
    [
      'anonymous',
      'an organization by login',
      (flag) => `{ organization(login: ${literal(flag)}) { login } }`,
      (data) => expect(data?.organization).toBeNull(),
      1,
    ],
    [
      'nobody',
      'a repository by owner and name',
      (flag) => `{ repository(owner: ${literal(flag)}, name: ${literal(flag)}) { name } }`,
      (data) => expect(data?.repository).toBeNull(),
      1,
    ],
    [
      'john',
      'the title of a new issue',
      (flag) =>
        `mutation { createIssue(input: { repositoryId: ${JSON.stringify(api.ids['abbey-road'])}, title: ${literal(flag)} }) { issue { title } } }`,
      (data, flag) => expect(data?.createIssue).toEqual({ issue: { title: payloadSetting(flag) } }),
      0,
    ],
  ];

  it.each(cases)(
    'sent by %s as %s: runs nothing and answers as graphql-js does',
    async (persona, _where, documentFor, expectData, refused) => {
      const flag = `rolegateInjected_${persona}`;
      const before = await refusedCompilations();
      const response = await api.gql(persona, documentFor(flag));
      expect((globalThis as Record<string, unknown>)[flag]).toBeUndefined();
      expectData(response.data, flag);
      expect(response.errors?.every((error) => error.extensions?.code !== 'INTERNAL_SERVER_ERROR') ?? true).toBe(true);
      expect(await refusedCompilations()).toBe(before + refused);
    },
  );
});
