import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '../db/database.js';
import { recordAudit } from '../gitclub/audit/record-audit.js';

/** What every PDP client secret starts with: tells it apart from an access token (a JWT) in the same `Authorization` header. */
export const pdpSecretPrefix = 'rgpdp_';

/** A PDP client as `pdp:client -- list` shows it: never its secret, which is not stored. */
export interface PdpClient {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

/** What a PDP client's name may be: what a person would type on a command line and read in the audit log. */
export const pdpClientNamePattern = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** The stored form of a secret: its SHA-256, hex. The secret is 32 random bytes, so a slow password hash would add nothing. */
function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Creates a PDP client named `name` and returns its secret, which exists nowhere else afterwards:
 * only its hash is stored. Audited (`pdp_client.created`, no organization) in the same transaction.
 * Throws when an active client already has the name.
 */
export async function createPdpClient(em: EntityManager, name: string, requestId: string): Promise<{ client: PdpClient; secret: string }> {
  if (!pdpClientNamePattern.test(name)) {
    throw new Error(`"${name}" is not a client name: 1 to 100 of a-z, 0-9, ".", "_" and "-", starting with a letter or digit.`);
  }
  const secret = `${pdpSecretPrefix}${randomBytes(32).toString('base64url')}`;
  return em.transactional(async (tx) => {
    const [taken] = await tx.execute<{ id: string }[]>('select id from pdp_clients where name = ? and revoked_at is null for update', [
      name,
    ]);
    if (taken) throw new Error(`An active PDP client is already named "${name}": revoke it first, or choose another name.`);
    const [row] = await tx.execute<PdpClientRow[]>(
      `insert into pdp_clients (id, name, secret_hash, created_at) values (gen_random_uuid(), ?, ?, now())
       returning id, name, created_at, revoked_at, last_used_at`,
      [name, hashOf(secret)],
    );
    if (!row) throw new Error('The PDP client was not inserted.');
    const client = toClient(row);
    recordAudit(tx, {
      organizationId: null,
      actorId: null,
      action: 'pdp_client.created',
      resourceType: 'pdp_client',
      resourceId: client.id,
      after: { name },
      requestId,
    });
    return { client, secret };
  });
}

/** Every PDP client, active ones first, each by name. */
export async function listPdpClients(em: EntityManager): Promise<PdpClient[]> {
  const rows = await em.execute<PdpClientRow[]>(
    'select id, name, created_at, revoked_at, last_used_at from pdp_clients order by revoked_at is not null, name, created_at',
  );
  return rows.map(toClient);
}

/**
 * Revokes the active client named `name`: its secret stops working at once, on every instance
 * (each request looks the secret up). Audited (`pdp_client.revoked`). Undefined when no active
 * client has the name.
 */
export async function revokePdpClient(em: EntityManager, name: string, requestId: string): Promise<PdpClient | undefined> {
  return em.transactional(async (tx) => {
    const [row] = await tx.execute<PdpClientRow[]>(
      `update pdp_clients set revoked_at = now() where name = ? and revoked_at is null
       returning id, name, created_at, revoked_at, last_used_at`,
      [name],
    );
    if (!row) return undefined;
    const client = toClient(row);
    recordAudit(tx, {
      organizationId: null,
      actorId: null,
      action: 'pdp_client.revoked',
      resourceType: 'pdp_client',
      resourceId: client.id,
      before: { name },
      requestId,
    });
    return client;
  });
}

/**
 * The active client whose secret this is, or undefined. Notes when it was last used, at most once
 * a minute per client (an update per decision would make every check a write).
 */
export async function findPdpClient(em: EntityManager, secret: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await em.execute<{ id: string; name: string; stale: boolean }[]>(
    `select id, name, (last_used_at is null or last_used_at < now() - interval '1 minute') as stale
     from pdp_clients where secret_hash = ? and revoked_at is null`,
    [hashOf(secret)],
  );
  if (!row) return undefined;
  if (row.stale) await em.execute('update pdp_clients set last_used_at = now() where id = ?', [row.id]);
  return { id: row.id, name: row.name };
}

interface PdpClientRow {
  id: string;
  name: string;
  created_at: Date | string;
  revoked_at: Date | string | null;
  last_used_at: Date | string | null;
}

function toClient(row: PdpClientRow): PdpClient {
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    id: row.id,
    name: row.name,
    createdAt: new Date(row.created_at),
    revokedAt: date(row.revoked_at),
    lastUsedAt: date(row.last_used_at),
  };
}
