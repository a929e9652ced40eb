import { createServer } from 'node:net';

/** A loopback port nothing listens on now, for a server the test starts itself (PostgreSQL, Redis). */
export function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
