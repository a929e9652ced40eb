import { cliArguments, refuseArguments, type CommandUsage } from './cli-arguments.js';
import { openCliDatabase, runCli } from './open-cli-database.js';

const command: CommandUsage = {
  usage: `Usage:
  npm run pdp:client -- create <NAME>
  npm run pdp:client -- list
  npm run pdp:client -- revoke <NAME>

Credentials for the programs that ask the AuthZEN decision point (POST /access/v1/...) about any
user: a git server checking a push, a CI runner checking a trigger. create prints the new client's
secret once (only its hash is kept: lose it, revoke the client and create another); the program
sends it as "Authorization: Bearer <secret>". list shows every client, never a secret; revoke stops
a secret at once. Every create and revoke is audited (pdp_client.created, pdp_client.revoked).`,
  positionals: { names: ['a step (create, list or revoke)', 'the client name'], min: 1, max: 2 },
};

/** `npm run pdp:client`: creates, lists and revokes PDP client credentials (see src/authzen/pdp-clients.ts). */
const { positionals } = cliArguments(command, {});
const [step, name] = positionals;
if (step !== 'create' && step !== 'list' && step !== 'revoke')
  refuseArguments(command, `Unknown step "${step}": expected create, list or revoke.`);
if (step === 'list' && name !== undefined) refuseArguments(command, `Unexpected argument '${name}': list takes no arguments.`);
if (step !== 'list' && name === undefined) refuseArguments(command, `${step} needs the client's name.`);

runCli(async () => {
  const { createPdpClient, listPdpClients, revokePdpClient, pdpClientNamePattern } = await import('../authzen/pdp-clients.js');
  if (name !== undefined && !pdpClientNamePattern.test(name)) {
    throw new Error(`"${name}" is not a client name: 1 to 100 of a-z, 0-9, ".", "_" and "-", starting with a letter or digit.`);
  }
  const db = await openCliDatabase();
  try {
    const em = db.em.fork();
    if (step === 'list') {
      const clients = await listPdpClients(em);
      if (clients.length === 0) console.log('No PDP client yet: npm run pdp:client -- create <NAME>.');
      else
        console.table(
          clients.map((client) => ({
            name: client.name,
            id: client.id,
            created: client.createdAt.toISOString(),
            revoked: client.revokedAt?.toISOString() ?? '',
            'last used': client.lastUsedAt?.toISOString() ?? '',
          })),
        );
      return;
    }
    if (name === undefined) return;
    if (step === 'create') {
      const { client, secret } = await createPdpClient(em, name, 'cli:pdp-client');
      console.error(`Created PDP client ${client.name} (${client.id}). Its secret, shown this once:`);
      console.log(secret);
      return;
    }
    const revoked = await revokePdpClient(em, name, 'cli:pdp-client');
    if (!revoked) throw new Error(`No active PDP client is named "${name}".`);
    console.log(`Revoked PDP client ${revoked.name} (${revoked.id}): its secret no longer works.`);
  } finally {
    await db.close();
  }
});
