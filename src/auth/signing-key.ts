import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, importPKCS8, type CryptoKey, type JWK } from 'jose';

/** The one algorithm access tokens are signed and verified with; nothing else is accepted. */
export const signingAlgorithm = 'EdDSA';

/** A key pair for access tokens, with the `kid` that names it. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly publicJwk: JWK;
}

async function fromPrivateJwk(jwk: JWK): Promise<SigningKey> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d)
    throw new Error('The signing key must be an Ed25519 private JWK (kty "OKP", crv "Ed25519", with "d").');
  const { d: _secret, ...publicJwk } = jwk;
  const kid = jwk.kid ?? (await calculateJwkThumbprint(publicJwk));
  return {
    kid,
    privateKey: (await importJWK(jwk, signingAlgorithm)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, signingAlgorithm)) as CryptoKey,
    publicJwk: { ...publicJwk, kid, alg: signingAlgorithm, use: 'sig' },
  };
}

/** Reads a private key given as a JWK (JSON) or a PKCS#8 PEM. */
export async function parseSigningKey(text: string): Promise<SigningKey> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return fromPrivateJwk(JSON.parse(trimmed) as JWK);
  const key = await importPKCS8(trimmed, signingAlgorithm, { extractable: true });
  return fromPrivateJwk(await exportJWK(key));
}

/** A fresh Ed25519 key pair. */
export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(signingAlgorithm, { crv: 'Ed25519', extractable: true });
  return fromPrivateJwk(await exportJWK(privateKey));
}

/**
 * The key from configuration, or else the one kept in `dataDir` (generated on first start), so
 * the embedded set-up keeps its tokens valid across restarts.
 */
export async function loadSigningKey(configured: string | undefined, dataDir: string | undefined): Promise<SigningKey> {
  if (configured) return parseSigningKey(configured);
  if (!dataDir) return generateSigningKey();
  const file = join(dataDir, 'signing-key.json');
  if (existsSync(file)) return parseSigningKey(await readFile(file, 'utf8'));
  const { privateKey } = await generateKeyPair(signingAlgorithm, { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  await mkdir(dataDir, { recursive: true });
  // Written whole under another name, then linked into place: instances sharing DATA_DIR that start
  // together never read half a key, and the first one's key wins for all of them.
  const draft = `${file}.${process.pid}.${randomUUID()}`;
  await writeFile(draft, JSON.stringify(jwk), { mode: 0o600 });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parseSigningKey(await readFile(file, 'utf8'));
  } finally {
    await unlink(draft);
  }
  return fromPrivateJwk(jwk);
}
