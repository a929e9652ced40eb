import type { ApolloServerPlugin } from '@apollo/server';

/**
 * An anonymous request whose every root field failed with UNAUTHENTICATED gets HTTP 401 and a
 * `WWW-Authenticate: Bearer` challenge, as an HTTP client expects.
 */
export const anonymousUnauthenticatedStatus: ApolloServerPlugin<{ viewer: unknown }> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (contextValue.viewer || response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        if (!errors?.length || !errors.every((error) => error.extensions?.code === 'UNAUTHENTICATED')) return;
        const rootValues = data ? Object.values(data) : [];
        if (rootValues.some((value) => value !== null)) return;
        response.http.status = 401;
        response.http.headers.set('www-authenticate', 'Bearer');
      },
    };
  },
};
