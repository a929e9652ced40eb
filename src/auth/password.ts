import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters, as a hash records them. */
interface ScryptParameters {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** The parameters new hashes are made with. Raising them later keeps older hashes verifiable: each records its own. */
const current: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;

/**
 * The largest parameters and key a stored hash may ask for: a hash beyond them is refused rather
 * than computed (a corrupt or planted row must not make one login cost gigabytes or minutes).
 */
const limits = { N: 2 ** 20, r: 32, p: 16, memory: 1024 * 1024 * 1024, keyLength: 64 };

function derive(password: string, salt: Buffer, parameters: ScryptParameters, length: number): Promise<Buffer> {
  // Note: scrypt needs about 128 * N * r bytes; Node refuses above `maxmem`, so it follows the parameters.
  const maxmem = 2 * 128 * parameters.N * parameters.r;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, length, { ...parameters, maxmem }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Hashes a password with scrypt (memory-hard); the result carries its parameters and salt: `scrypt$N$r$p$salt$key`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, current, keyLength);
  return `scrypt$${current.N}$${current.r}$${current.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** A stored hash's parameters, or undefined when they are malformed or beyond `limits`. */
function parametersOf(N: string | undefined, r: string | undefined, p: string | undefined): ScryptParameters | undefined {
  const parameters = { N: Number(N), r: Number(r), p: Number(p) };
  if (!Object.values(parameters).every((value) => Number.isSafeInteger(value) && value >= 1)) return undefined;
  const powerOfTwo = parameters.N > 1 && (parameters.N & (parameters.N - 1)) === 0;
  const withinLimits =
    parameters.N <= limits.N &&
    parameters.r <= limits.r &&
    parameters.p <= limits.p &&
    2 * 128 * parameters.N * parameters.r <= limits.memory;
  return powerOfTwo && withinLimits ? parameters : undefined;
}

/**
 * Compares in constant time, with the parameters and key length the stored hash records. A
 * malformed hash, or one asking for more than `limits`, never matches.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key, ...rest] = stored.split('$');
  const parameters = parametersOf(N, r, p);
  if (scheme !== 'scrypt' || rest.length > 0 || !parameters || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  if (expected.length < 16 || expected.length > limits.keyLength) return false;
  const actual = await derive(password, Buffer.from(salt, 'base64'), parameters, expected.length);
  return timingSafeEqual(expected, actual);
}

let unknownAccount: Promise<string> | undefined;

/** A hash to verify against when the account does not exist, so a wrong email costs as much time as a wrong password. */
export function unknownAccountHash(): Promise<string> {
  unknownAccount ??= hashPassword(randomBytes(16).toString('hex'));
  return unknownAccount;
}
