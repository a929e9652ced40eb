import { mkdir } from 'node:fs/promises';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM as PostgresORM } from '@mikro-orm/postgresql';
import type { AnyEntity, EntityClass, EntitySchema } from '@mikro-orm/core';
import type { SqlEntityManager, SqlMikroORM } from '@mikro-orm/sql';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { migrations } from './migrations/index.js';
import type { Pool } from 'pg';
import { markAcquireFaults } from './acquire-faults.js';
import { queryByCallback } from './query-by-callback.js';
import { releaseDeadClients } from './release-dead-clients.js';
import { prepareReads, type PreparedReadsConnection } from './prepared-reads.js';
import { retryLostReads, type ConnectionFaultObserver } from './retry-lost-reads.js';
import { underStartupLock } from './startup-lock.js';
import { querySpanLogger } from '../tracing/query-span-logger.js';

/** The ORM handle the application works with, whichever driver is underneath. */
export type Database = SqlMikroORM;
/** The entity manager type used by resolvers and loaders. */
export type EntityManager = SqlEntityManager;

/** The entities the ORM maps, handed in by the application (this module knows no domain). */
export type DatabaseEntities = readonly (EntityClass<AnyEntity> | EntitySchema)[];

/** Where the data lives: a PostgreSQL URL, or a folder (or `memory://`) for embedded PGlite. */
export interface DatabaseLocation {
  readonly databaseUrl?: string;
  readonly pgliteDataDir: string;
  /** Called with every SQL statement sent; tests count them. */
  readonly onQuery?: (sql: string) => void;
  /** Record each statement as a trace span (the embedded database; `pg` has its own instrumentation). */
  readonly traceQueries?: boolean;
  /**
   * An embedded in-memory database starts from this data directory (a `dumpDataDir` tarball) instead
   * of an empty one: the test suite dumps one migrated, seeded database per run and starts every
   * test server from it, skipping initdb, migrations and the seed.
   */
  readonly pgliteTemplate?: Blob;
  /** Told of every connection fault on PostgreSQL (its kind, and whether the statement was retried): the metrics count them. */
  readonly onConnectionFault?: ConnectionFaultObserver;
  /** Migrations run over this PostgreSQL URL (a role owning the schema) instead of `databaseUrl` (a runtime role without DDL rights). */
  readonly migrationUrl?: string;
  /** Connections in the PostgreSQL pool; 10 by default. */
  readonly poolSize?: number;
  /** Seconds a pooled connection may stay unused before it is closed (0: never); 600 by default (`DATABASE_POOL_IDLE_SECONDS`). */
  readonly poolIdleSeconds?: number;
  /** False: reads are not sent as prepared statements (`prepareReads`), for a pooler that cannot carry them. True by default, on both drivers. */
  readonly preparedStatements?: boolean;
  /** False: pending migrations are not applied but refused (`PendingMigrationsError`): they are a separate step. True by default. */
  readonly migrate?: boolean;
}

/** The database has migrations the server was told not to apply at start (MIGRATE_AT_START=false). */
export class PendingMigrationsError extends Error {
  constructor(readonly pending: readonly string[]) {
    super(
      `The database has ${pending.length} pending migration(s) (${pending.join(', ')}) and MIGRATE_AT_START=false: run \`npm run db:migrate\` (\`node dist/cli/db-migrate.js\` in the image) first.`,
    );
    this.name = 'PendingMigrationsError';
  }
}

/**
 * Opens the database mapping the application's `entities`, applies the committed migrations, then
 * runs the application's `prepare` (policy sync, seed), all under the start-up lock so several
 * instances starting at once take turns. Embedded PGlite unless a URL is given; both drivers run
 * the same migrations. An embedded folder is locked for this process until the database closes (or
 * the process exits): a second process is refused at once with a `DataDirLockedError` instead of
 * corrupting it.
 */
export async function openDatabase(
  location: DatabaseLocation,
  entities: DatabaseEntities,
  prepare?: (db: Database) => Promise<void>,
): Promise<Database> {
  const common = {
    entities,
    extensions: [Migrator],
    migrations: { migrationsList: migrations, silent: true, transactional: true, allOrNothing: true, snapshot: false },
    debug: false,
    // MikroORM would otherwise give every entity a getter and a setter of its own as each property is first set (to
    // propagate bidirectional relations, which no entity here has): each entity then got a map of its own, which V8 keeps
    // through young-generation collections, and with it the entity manager and the whole request (docs/contributors.md,
    // "A map per request").
    propagationOnPrototype: false,
    ...(location.onQuery ? { onQuery: (sql: string) => (location.onQuery?.(sql), sql) } : {}),
    ...(location.traceQueries ? { loggerFactory: querySpanLogger } : {}),
  };
  const embeddedFolder = !location.databaseUrl && !location.pgliteDataDir.startsWith('memory://');
  if (embeddedFolder) await mkdir(location.pgliteDataDir, { recursive: true });
  const lock = embeddedFolder ? await lockDataDir(location.pgliteDataDir) : undefined;
  const orm = await (
    location.databaseUrl
      ? PostgresORM.init({
          ...common,
          clientUrl: location.databaseUrl,
          // The driver's own default closes a connection unused for 10 s, and with it the plans it kept and its server
          // process's warm caches: traffic in bursts a little further apart than that started cold every time.
          pool: { min: 0, max: location.poolSize ?? 10, idleTimeoutMillis: (location.poolIdleSeconds ?? 600) * 1000 },
          // A connection lost mid-transaction frees its slot; waiting for a slot or a new connection fails after 10 s instead of
          // forever, and as a connection fault (SERVICE_UNAVAILABLE), as does every other failure to get one. TCP keep-alive
          // from a minute of silence on: a connection kept unused for minutes is not forgotten by a NAT or firewall between
          // here and the database (some drop idle flows after 350 s), and a database host gone silent is noticed.
          driverOptions: {
            onPoolCreated: guardPool,
            connectionTimeoutMillis: 10_000,
            keepAlive: true,
            keepAliveInitialDelayMillis: 60_000,
          },
        })
      : // Loaded only for the embedded database: on PostgreSQL its modules (0.45 MB of source kept in the heap) stay out.
        (await import('@mikro-orm/pglite')).MikroORM.init({
          ...common,
          dbName: location.pgliteDataDir,
          // A function: the ORM copies plain option objects, which would strip the Blob of what makes it one.
          ...(location.pgliteTemplate ? { driverOptions: () => ({ loadDataDir: location.pgliteTemplate }) } : {}),
        })
  ).catch(async (error: unknown) => {
    await lock?.release();
    throw error;
  });
  const db = orm as unknown as Database;
  if (lock) releaseOnClose(db, lock);
  // PGlite runs in this process and cannot lose its connection; PostgreSQL's reads survive a lost one.
  const sessionReads = !location.databaseUrl && location.preparedStatements !== false;
  if (sessionReads) prepareReads(db.em.getConnection() as unknown as PreparedReadsConnection, { onQuery: location.onQuery, on: 'session' });
  if (location.databaseUrl) {
    if (location.preparedStatements !== false)
      prepareReads(db.em.getConnection() as unknown as PreparedReadsConnection, { onQuery: location.onQuery });
    retryLostReads(db.em.getConnection(), location.onConnectionFault);
  }
  try {
    await underStartupLock(location.databaseUrl, async () => {
      await migrateOrRefuse(orm, location, common);
      await prepare?.(db);
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/**
 * Applies the pending migrations: over the runtime connection, or over `migrationUrl` with a
 * short-lived ORM of its own (the owner role, whose DDL rights the runtime role lacks). With
 * `migrate: false`, pending migrations are refused instead.
 */
async function migrateOrRefuse(
  orm: { migrator: { up(): Promise<unknown>; getPending(): Promise<{ name: string }[]> } },
  location: DatabaseLocation,
  common: Parameters<typeof PostgresORM.init>[0],
): Promise<void> {
  if (location.migrate === false) {
    const pending = await orm.migrator.getPending();
    if (pending.length > 0) throw new PendingMigrationsError(pending.map((migration) => migration.name));
    return;
  }
  if (!location.migrationUrl) {
    await orm.migrator.up();
    return;
  }
  const owner = await PostgresORM.init({ ...common, clientUrl: location.migrationUrl, pool: { min: 0, max: 1 } });
  try {
    await owner.migrator.up();
  } finally {
    await owner.close();
  }
}

/** What the application needs of every PostgreSQL pool: queries run by callback, dead connections discarded, and failures to get one told apart. */
function guardPool(pool: Pool): void {
  queryByCallback(pool);
  releaseDeadClients(pool);
  markAcquireFaults(pool);
}

/** Wraps `db.close` so the folder's lock goes only once the files are closed. */
function releaseOnClose(db: Database, lock: DataDirLock): void {
  const close = db.close.bind(db);
  db.close = async (force?: boolean) => {
    try {
      await close(force);
    } finally {
      await lock.release();
    }
  };
}
