import { ConfigError, loadConfig } from './config.js';
import { demoEmail, demoPassword, demoUsers } from './db/demo-cast.js';
import { startServer } from './server.js';

/** `npm start`: serve the API, print where and how to sign in as each demo user. */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const database = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}/pglite`;
  console.log(`Rolegate GraphQL API ready at ${server.url} on ${database}.`);
  const rollout = server.rollout.describe();
  console.log(
    rollout.mode === 'enforce'
      ? 'Authorization mode: enforce (the new RBAC decides).'
      : `Authorization mode: ${rollout.mode}, mapping ${rollout.mapping}, enforced cohorts: ${rollout.enforcedUsers} allow-listed users + ${rollout.enforcedPercent}% of users.`,
  );
  if (config.seedDemoData) {
    console.log(`\nDemo users (password "${demoPassword}"); sign in with:`);
    console.log(`  mutation { login(input: {email: "john@gitclub.test", password: "${demoPassword}"}) { accessToken } }`);
    console.log('then send the header  Authorization: Bearer <accessToken>\n');
    for (const [login, description] of Object.entries(demoUsers)) console.log(`  ${demoEmail(login).padEnd(22)} ${description}`);
  }
  const shutdown = async (signal: string) => {
    console.log(`${signal} received; finishing in-flight requests.`);
    await server.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
