import { readFileSync } from 'node:fs';
import { exportJWK, importSPKI, type JWK } from 'jose';
import { loadSigningKey, signingAlgorithm, type SigningKey } from './signing-key.js';

/** The key that signs new tokens, and every public key tokens are still verified with (current and previous). */
export interface KeySet {
  readonly signing: SigningKey;
  readonly verification: readonly JWK[];
}

/** Where the keys come from: environment values (or files) and the data folder. */
export interface KeySources {
  /** Ed25519 private key, JWK or PKCS#8 PEM. */
  readonly privateKey?: string;
  /** Public keys of previous signing keys, still accepted during rotation: a JWKS, a JWK or SPKI PEMs. */
  readonly previousPublicKeys?: string;
  /** Where the embedded set-up keeps a generated key; undefined keeps it in memory. */
  readonly dataDir?: string;
}

/** Reads a value given directly or through a file named by `<NAME>_FILE`. */
export function valueOrFile(value: string | undefined, file: string | undefined): string | undefined {
  return value || (file ? readFileSync(file, 'utf8') : undefined);
}

/** Loads the signing key and the verification keys; `GET /.well-known/jwks.json` publishes the latter. */
export async function loadKeySet(sources: KeySources): Promise<KeySet> {
  const signing = await loadSigningKey(sources.privateKey, sources.dataDir);
  const previous = sources.previousPublicKeys ? await parsePublicKeys(sources.previousPublicKeys) : [];
  const verification = [signing.publicJwk, ...previous.filter((key) => key.kid !== signing.kid)];
  return { signing, verification };
}

async function parsePublicKeys(text: string): Promise<JWK[]> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const parsed = JSON.parse(trimmed) as JWK | { keys: JWK[] };
    const keys = 'keys' in parsed ? parsed.keys : [parsed];
    return keys.map((key) => {
      if (!key.kid) throw new Error('Every previous public key needs a "kid".');
      const { d: _private, ...publicPart } = key;
      return { ...publicPart, alg: signingAlgorithm, use: 'sig' };
    });
  }
  const pems = trimmed.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  return Promise.all(
    pems.map(async (pem) => {
      const jwk = await exportJWK(await importSPKI(pem, signingAlgorithm, { extractable: true }));
      const { calculateJwkThumbprint } = await import('jose');
      return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: signingAlgorithm, use: 'sig' };
    }),
  );
}
