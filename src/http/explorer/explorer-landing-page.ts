import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { explorerAssets } from './explorer-bundle.js';
import { explorerPage, type ExplorerGuide } from './explorer-page.js';

/**
 * What a browser's GET on the GraphQL endpoint shows: the offline GraphiQL explorer, or nothing
 * (Apollo's own landing pages load from a CDN, so they are never used).
 */
export function explorerLandingPage(enabled: boolean, guide: ExplorerGuide): ApolloServerPlugin {
  if (!enabled) return ApolloServerPluginLandingPageDisabled();
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: async () => explorerPage(await explorerAssets(), guide) };
        },
      };
    },
  };
}
