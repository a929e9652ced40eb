// deploy/create-secrets.sh (issue 22): run for real in a temporary folder. It writes every file the
// production compose file reads, each with the owner and mode its container needs (compose keeps the
// host's: the API runs as uid 1000, PostgreSQL and Redis read theirs as root or through group 999),
// never overwrites one, builds the URLs from the passwords, and writes a signing key and a
// previous-keys file the server accepts. Run as someone else than root, it says the sudo command.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeySet } from '../../src/auth/key-set.js';
import { parseSigningKey } from '../../src/auth/signing-key.js';
import { projectRoot } from '../../src/project-root.js';
import { production, read } from './production-files.js';

const script = join(projectRoot, 'deploy/create-secrets.sh');
const root = process.getuid?.() === 0;
const openssl = spawnSync('openssl', ['version']).status === 0;
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A fresh folder for the script to fill: `<temp>/secrets`, not created yet. */
function secretsFolder(): string {
  const parent = mkdtempSync(join(tmpdir(), 'rolegate-secrets-'));
  folders.push(parent);
  return join(parent, 'secrets');
}
const run = (folder: string, uid?: number): SpawnSyncReturns<string> =>
  spawnSync('bash', [script, folder], { encoding: 'utf8', ...(uid === undefined ? {} : { uid, gid: uid }) });
const file = (folder: string, name: string) => readFileSync(join(folder, name), 'utf8');
const ownerAndMode = (path: string) => {
  const stat = statSync(path);
  return `${stat.uid}:${stat.gid} ${(stat.mode & 0o777).toString(8)}`;
};

/** Every file the compose file reads from ./secrets, by name. */
const composeFiles = Object.values(production.secrets ?? {}).map((secret) => secret.file.replace(/^\.\/secrets\//, ''));
/** Who reads each file: the API's (uid 1000) or PostgreSQL's and Redis' (root, and group 999). */
const apiFiles = ['database_url', 'database_migration_url', 'redis_url', 'metrics_token', 'jwt_private_key.pem', 'jwt_previous_public_keys.pem'];

it('is an executable bash script that stops at the first error', () => {
  expect(statSync(script).mode & 0o111).toBe(0o111);
  expect(read('deploy/create-secrets.sh')).toMatch(/^#!\/usr\/bin\/env bash\n(#.*\n)*set -euo pipefail$/m);
});

describe.skipIf(!root || !openssl)('deploy/create-secrets.sh, run as root', () => {
  const folder = secretsFolder();
  let first: SpawnSyncReturns<string>;
  beforeAll(() => {
    first = run(folder);
  });

  it('writes every secret the compose file reads, and nothing else', () => {
    expect(first.status, first.stderr).toBe(0);
    expect(readdirSync(folder).sort()).toEqual([...composeFiles].sort());
    for (const name of composeFiles) expect(first.stdout).toContain(`created  ${name}`);
  });

  it('gives the API its files (uid 1000, the key 0400) and PostgreSQL and Redis theirs (root:999, 0640), in a 0700 folder', () => {
    expect(apiFiles.every((name) => composeFiles.includes(name))).toBe(true);
    for (const name of composeFiles) {
      const wanted = name === 'jwt_private_key.pem' ? '1000:1000 400' : apiFiles.includes(name) ? '1000:1000 640' : '0:999 640';
      expect(ownerAndMode(join(folder, name)), name).toBe(wanted);
    }
    expect(statSync(folder).mode & 0o777).toBe(0o700);
  });

  it('writes random passwords, and URLs and the Redis password line built from them', () => {
    const passwords = ['postgres_password', 'postgres_owner_password', 'postgres_app_password', 'redis_password', 'metrics_token'].map(
      (name) => file(folder, name),
    );
    for (const password of passwords) expect(password).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(passwords).size).toBe(passwords.length);
    // The roles deploy/postgres-init.sh creates, on the compose file's service names.
    expect(file(folder, 'database_url')).toBe(`postgres://rolegate_app:${file(folder, 'postgres_app_password')}@postgres:5432/rolegate`);
    expect(file(folder, 'database_migration_url')).toBe(`postgres://rolegate:${file(folder, 'postgres_owner_password')}@postgres:5432/rolegate`);
    expect(read('deploy/postgres-init.sh')).toMatch(/create role rolegate login[\s\S]+create role rolegate_app login/);
    expect(file(folder, 'redis_url')).toBe(`redis://:${file(folder, 'redis_password')}@redis:6379`);
    expect(file(folder, 'redis_auth.conf')).toBe(`requirepass ${file(folder, 'redis_password')}\n`);
  });

  it('writes an Ed25519 signing key, and a previous-keys file the server reads as none, then as the keys added to it', async () => {
    const key = file(folder, 'jwt_private_key.pem');
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const signing = await parseSigningKey(key);
    expect(signing.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    const previous = file(folder, 'jwt_previous_public_keys.pem');
    expect((await loadKeySet({ privateKey: key, previousPublicKeys: previous })).verification).toEqual([signing.publicJwk]);
    // The first step of a rotation (docs/deployment.md): the next key's public half appended.
    const next = spawnSync('bash', ['-c', 'openssl genpkey -algorithm ed25519 | openssl pkey -pubout'], { encoding: 'utf8' }).stdout;
    const keys = await loadKeySet({ privateKey: key, previousPublicKeys: `${previous}${next}` });
    expect(keys.verification).toHaveLength(2);
    expect(keys.verification[1]?.kid).not.toBe(signing.kid);
  });

  it('never overwrites a secret: a second run keeps every content and only repairs owners and modes', () => {
    const before = Object.fromEntries(composeFiles.map((name) => [name, file(folder, name)]));
    writeFileSync(join(folder, 'metrics_token'), 'set-by-hand');
    chmodSync(join(folder, 'postgres_password'), 0o644);
    chownSync(join(folder, 'database_url'), 0, 0);
    const second = run(folder);
    expect(second.status, second.stderr).toBe(0);
    for (const name of composeFiles) expect(second.stdout).toContain(`kept     ${name}`);
    expect(file(folder, 'metrics_token')).toBe('set-by-hand');
    for (const name of composeFiles.filter((name) => name !== 'metrics_token')) expect(file(folder, name), name).toBe(before[name]);
    expect(ownerAndMode(join(folder, 'postgres_password'))).toBe('0:999 640');
    expect(ownerAndMode(join(folder, 'database_url'))).toBe('1000:1000 640');
  });

  it('adds only what is missing, from the passwords already there (an upgrade keeps its database password)', () => {
    const upgraded = secretsFolder();
    run(upgraded);
    const owner = file(upgraded, 'postgres_owner_password');
    rmSync(join(upgraded, 'database_migration_url'));
    rmSync(join(upgraded, 'jwt_previous_public_keys.pem'));
    const again = run(upgraded);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('created  database_migration_url');
    expect(again.stdout).toContain('created  jwt_previous_public_keys.pem');
    expect(file(upgraded, 'database_migration_url')).toBe(`postgres://rolegate:${owner}@postgres:5432/rolegate`);
  });

  it('refuses a password a URL would need escaped, and writes no URL without it', () => {
    const odd = secretsFolder();
    run(odd);
    rmSync(join(odd, 'redis_url'));
    writeFileSync(join(odd, 'redis_password'), 'p@ss word');
    const refused = run(odd);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('redis_password holds characters a URL would need escaped');
    expect(existsSync(join(odd, 'redis_url'))).toBe(false);
    expect(readdirSync(odd).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('run by someone else, creates the files, then prints the sudo command and exits 2 until the owners are right', () => {
    const nobody = 65534;
    const parent = mkdtempSync(join(tmpdir(), 'rolegate-secrets-'));
    folders.push(parent);
    chownSync(parent, nobody, nobody);
    const folder = join(parent, 'secrets');
    const unprivileged = run(folder, nobody);
    expect(unprivileged.status, unprivileged.stderr).toBe(2);
    expect(unprivileged.stderr).toContain(`  sudo ${script} ${folder}\n`);
    expect(readdirSync(folder).sort()).toEqual([...composeFiles].sort());
    expect(ownerAndMode(join(folder, 'jwt_private_key.pem'))).toBe(`${nobody}:${nobody} 600`);
    expect(run(folder).status).toBe(0);
    const after = run(folder, nobody);
    expect(after.status, after.stderr).toBe(0);
    expect(after.stdout).toContain('Owners and modes already right');
  });
});
