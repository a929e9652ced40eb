import { createServer } from 'node:net';

/**
 * Fails at once when the port cannot be listened on (EADDRINUSE, EACCES), with the listen error
 * itself, before the server spends seconds opening and migrating the database: a port in use is
 * the commonest start-up mistake and deserves the fastest answer. Only a check: the real listen
 * later still reports a port taken in between. Port 0 (any free port) is never checked.
 */
export async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen({ port, host, exclusive: true }, () => resolve());
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
