import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Who holds an embedded database, as written (JSON) into its lock file. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  /** When the lock was taken (ISO 8601). */
  readonly since: string;
  /** The holder's start time in clock ticks since boot (Linux `/proc`), so a reused pid is not taken for the holder. */
  readonly processStart?: string;
  /** Tells this holder's lock from a later one, so a release never removes someone else's. */
  readonly token: string;
}

/** An embedded database another process holds: refused at once, saying who holds it and what to do. */
export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
}

/** A lock this process holds; `release` is idempotent, and the lock also goes when the process exits. */
export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

/** The lock file of an embedded database folder. */
export function dataDirLockPath(pgliteDataDir: string): string {
  return join(pgliteDataDir, 'rolegate.lock');
}

/** Tokens of the locks this process holds: a second open in the same process is refused too. */
const heldHere = new Set<string>();

/**
 * Takes the exclusive lock of an embedded PGlite folder (PGlite is single-process: a second
 * process writing the same files corrupts them silently). Never waits: a live holder, one on
 * another host (which cannot be checked) or an unreadable lock is refused with a
 * `DataDirLockedError`; a lock left by a dead process on this host is taken over.
 * Note: a takeover moves the stale file aside and checks it is the one judged stale, so two
 * processes taking over at once cannot both win.
 */
export async function lockDataDir(pgliteDataDir: string): Promise<DataDirLock> {
  const path = dataDirLockPath(pgliteDataDir);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: process.argv.slice(1).join(' ').slice(0, 300),
    since: new Date().toISOString(),
    processStart: processStart(process.pid),
    token: randomUUID(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(path, me)) return held(path, me);
    const text = await readFile(path, 'utf8').catch(ignore('ENOENT'));
    if (text === undefined) continue;
    const holder = parseHolder(text);
    if (!holder)
      throw new DataDirLockedError(
        `The embedded database in ${pgliteDataDir} is locked by ${path}, which cannot be read (another process may be taking it right now). If no Rolegate process uses this DATA_DIR, delete that file and try again.`,
      );
    if (holder.host !== me.host) {
      throw new DataDirLockedError(
        `${inUse(pgliteDataDir, holder, `on host "${holder.host}"`)}, which cannot be checked from this host ("${me.host}"). ${oneAtATime} If nothing runs there any more, delete ${path} and try again.`,
      );
    }
    if (isAlive(holder))
      throw new DataDirLockedError(
        `${inUse(pgliteDataDir, holder, heldHere.has(holder.token) ? '(this very process)' : 'on this host')}. ${oneAtATime}`,
      );
    await moveAsideIfStill(path, text, me.token);
  }
  throw new DataDirLockedError(
    `The embedded database in ${pgliteDataDir} changed hands several times while this process tried to lock it; try again.`,
  );
}

const oneAtATime =
  'An embedded database serves one process at a time: stop that process first (`npm start` or a command-line tool), or set DATABASE_URL so the server and the tools share a PostgreSQL database.';

function inUse(pgliteDataDir: string, holder: LockHolder, where: string): string {
  return `The embedded database in ${pgliteDataDir} is in use by process ${holder.pid} ${where} (${holder.command || 'unknown command'}, since ${holder.since})`;
}

async function createExclusive(path: string, me: LockHolder): Promise<boolean> {
  const file = await open(path, 'wx').catch(ignore('EEXIST'));
  if (!file) return false;
  try {
    await file.writeFile(`${JSON.stringify(me, null, 2)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  return true;
}

function held(path: string, me: LockHolder): DataDirLock {
  heldHere.add(me.token);
  const releaseSync = () => {
    heldHere.delete(me.token);
    try {
      if (parseHolder(readFileSync(path, 'utf8'))?.token === me.token) unlinkSync(path);
    } catch {
      // Already gone (or the folder was removed): nothing to release.
    }
  };
  process.on('exit', releaseSync);
  return {
    path,
    async release() {
      process.off('exit', releaseSync);
      releaseSync();
    },
  };
}

/** Removes the lock file if it still holds `staleText`; a live lock that replaced it meanwhile is put back. */
async function moveAsideIfStill(path: string, staleText: string, token: string): Promise<void> {
  const aside = `${path}.stale-${token}`;
  if ((await rename(path, aside).then(() => true, ignore('ENOENT'))) === undefined) return;
  if ((await readFile(aside, 'utf8')) !== staleText) await link(aside, path).catch(ignore('EEXIST'));
  await unlink(aside);
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(text) as Partial<LockHolder>;
    return Number.isInteger(holder.pid) && typeof holder.host === 'string' && typeof holder.token === 'string'
      ? (holder as LockHolder)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the holder (on this host) still runs: its pid exists and, where `/proc` tells, started when the holder did. */
function isAlive(holder: LockHolder): boolean {
  if (heldHere.has(holder.token)) return true;
  // The same pid as this process but not a lock of ours: left by an earlier run (a restarted container reuses pids).
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStart(holder.pid);
  return !holder.processStart || !started || started === holder.processStart;
}

/** A process's start time from `/proc/<pid>/stat` (field 22), or undefined where there is no `/proc`. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** A rejection handler that turns one expected error code into `undefined` and rethrows the rest. */
function ignore(code: string): (error: unknown) => undefined {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code === code) return undefined;
    throw error;
  };
}
