/**
 * The bench's subscribers, in a process of their own (like the load generator): graphql-ws clients
 * on the auth server, each connection holding several `issueEvents` subscriptions on one
 * repository, signed in as john with a token of their own. Told over IPC to subscribe, then to
 * measure: issues filed one at a time (event-to-delivery: from sending `createIssue` to each
 * subscription's receipt), then john's logout (revocation-to-close: from sending `logout` to each
 * socket's close). Answers with what it saw.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** Subscribe this many subscriptions on this repository. */
export interface SubscribeOrder {
  readonly type: 'subscribe';
  readonly url: string;
  readonly repositoryId: string;
  readonly connections: number;
  readonly perConnection: number;
}
/** File `events` issues one at a time, then log out. */
export interface MeasureOrder {
  readonly type: 'measure';
  readonly events: number;
}
/** What the bench tells this process. */
export type LiveOrder = SubscribeOrder | MeasureOrder;

/** What this process answers: subscribed, or the measures (ms). */
export type LiveAnswer =
  | { readonly type: 'subscribed'; readonly subscriptions: number }
  | {
      readonly type: 'measured';
      readonly deliveries: number[];
      /** Deliveries that did not arrive within the wait (each is a subscription times an event). */
      readonly missed: number;
      readonly closes: number[];
      readonly unclosed: number;
    };

const document = 'subscription($id: ID!) { issueEvents(repositoryId: $id) { action issue { number title } } }';
const waitMs = 10_000;

let url = '';
let repositoryId = '';
let token = '';
let clients: Client[] = [];
/** Per subscription, the waiter for its next event. */
let waiters: (((at: number) => void) | undefined)[] = [];
let closed: Promise<number>[] = [];

async function post(query: string, variables: Record<string, unknown> = {}, bearer?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`The bench's subscriber got ${JSON.stringify(body.errors)}.`);
  return body.data;
}

const fileIssue = (title: string) =>
  post(
    'mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { number } } }',
    { input: { repositoryId, title } },
    token,
  );

/** Resolves, per subscription, with when its next event arrives (or undefined after the wait). */
function nextEvents(): Promise<(number | undefined)[]> {
  return Promise.all(
    waiters.map(
      (_, index) =>
        new Promise<number | undefined>((resolve) => {
          const timer = setTimeout(() => resolve(undefined), waitMs);
          waiters[index] = (at) => {
            clearTimeout(timer);
            waiters[index] = undefined;
            resolve(at);
          };
        }),
    ),
  );
}

async function subscribe(order: SubscribeOrder): Promise<LiveAnswer> {
  ({ url, repositoryId } = order);
  const login = await post(
    'mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken } }',
    { email: 'john@gitclub.test', password: 'rolegate-demo' },
  );
  token = (login.login as { accessToken: string }).accessToken;
  clients = [];
  closed = [];
  waiters = Array.from({ length: order.connections * order.perConnection }, () => undefined);
  for (let connection = 0; connection < order.connections; connection++) {
    let onClosed: (at: number) => void = () => {};
    closed.push(new Promise((resolve) => (onClosed = resolve)));
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      // The logout closes every socket on purpose; graphql-ws would print each close (its default is console.error).
      onNonLazyError: () => {},
      connectionParams: { authorization: `Bearer ${token}` },
      on: { closed: () => onClosed(performance.now()) },
    });
    clients.push(client);
    for (let slot = 0; slot < order.perConnection; slot++) {
      const index = connection * order.perConnection + slot;
      client.subscribe(
        { query: document, variables: { id: repositoryId } },
        { next: () => waiters[index]?.(performance.now()), error: () => {}, complete: () => {} },
      );
    }
  }
  // Subscribed once every subscription has received an event: file until one round reaches them all.
  for (let round = 0; ; round++) {
    const arrivals = nextEvents();
    await fileIssue(`warm-up ${round}`);
    if ((await arrivals).every((at) => at !== undefined)) break;
    if (round === 5) throw new Error('The bench subscriptions did not all receive an event.');
  }
  return { type: 'subscribed', subscriptions: waiters.length };
}

async function measure(order: MeasureOrder): Promise<LiveAnswer> {
  const deliveries: number[] = [];
  let missed = 0;
  for (let event = 0; event < order.events; event++) {
    const arrivals = nextEvents();
    const sent = performance.now();
    await fileIssue(`event ${event}`);
    for (const at of await arrivals) {
      if (at === undefined) missed++;
      else deliveries.push(at - sent);
    }
  }
  // Revocation: john's logout closes every socket signed in with the token (within a second, says the issue).
  const loggedOut = performance.now();
  const closing = Promise.all(
    closed.map((close) => Promise.race([close, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), waitMs))])),
  );
  await post('mutation { logout { ok } }', {}, token);
  const ats = await closing;
  const closes = ats.filter((at): at is number => at !== undefined).map((at) => at - loggedOut);
  // The sockets are closed already (the logout closed them): disposing reports that close, which says nothing here.
  await Promise.allSettled(clients.map(async (client) => client.dispose()));
  return { type: 'measured', deliveries, missed, closes, unclosed: ats.length - closes.length };
}

process.on('message', (order: LiveOrder) => {
  const work = order.type === 'subscribe' ? subscribe(order) : measure(order);
  void work.then(
    (answer) => process.send?.(answer),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
