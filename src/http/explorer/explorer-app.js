// The GraphiQL explorer's browser entry, bundled by esbuild (explorer-bundle.ts) and served by this
// server, so the explorer works without internet access. Plain JavaScript without JSX: no build step
// beyond bundling. Its settings come from the page (explorer-page.ts) as JSON, not from inline script.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const settings = JSON.parse(document.getElementById('explorer-settings').textContent);

// Monaco's language workers are separate bundles served next to this one.
globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const url = settings.workers[label] ?? settings.workers.editorWorkerService;
    return new Worker(url, { type: 'module', name: label });
  },
};

// The explorer is what GET answers on the GraphQL endpoint for browsers: queries go to the same path.
// The headers editor starts with "Authorization: Bearer " to fill in; until a token is there, the
// header is left out so the explorer works anonymously (the server refuses a malformed header).
const withoutBlankBearer = (headers = {}) =>
  Object.fromEntries(
    Object.entries(headers).filter(([name, value]) => name.toLowerCase() !== 'authorization' || !/^\s*bearer\s*$/i.test(value)),
  );
// Subscriptions go over WebSocket (graphql-ws) on the same path; GraphiQL sends the headers as
// connection_init's payload, where the server reads "Authorization" as the HTTP header.
const wsUrl = `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}${window.location.pathname}`;
const graphiqlFetcher = createGraphiQLFetcher({
  url: window.location.pathname,
  subscriptionUrl: wsUrl,
  fetch: (input, init) => fetch(input, { ...init, headers: withoutBlankBearer(init?.headers) }),
});
const fetcher = (params, options) => graphiqlFetcher(params, { ...options, headers: withoutBlankBearer(options?.headers) });

createRoot(document.getElementById('explorer')).render(
  createElement(GraphiQL, {
    fetcher,
    defaultQuery: settings.defaultQuery,
    defaultHeaders: settings.defaultHeaders,
    // Tokens stay out of localStorage unless the user opts in from the settings dialog.
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'headers',
  }),
);
