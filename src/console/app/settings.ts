/** What the server told the page (inert JSON in `#console-settings`, see console-page.ts). */
export interface ConsoleSettings {
  readonly basePath: string;
  readonly graphqlPath: string;
}

/** The console's settings, read once from the page; defaults match the server's. */
export const settings: ConsoleSettings = {
  basePath: '/console',
  graphqlPath: '/graphql',
  ...(JSON.parse(document.getElementById('console-settings')?.textContent || '{}') as Partial<ConsoleSettings>),
};
