import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/auth/password.js';

/**
 * Password hashes: each records its scrypt parameters, and is verified with them, so raising the
 * parameters for new hashes keeps every older one working. Malformed or outsized hashes never match.
 */
const password = 'correct horse battery staple';

/** A hash in the stored format, made with the given parameters (as an older or newer release would). */
function storedHash(N: number, r: number, p: number, keyLength = 32): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, keyLength, { N, r, p, maxmem: 256 * N * r });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

describe('verifyPassword', () => {
  it.each([
    ['the current parameters', () => hashPassword(password)],
    ['an older, cheaper N (2^14)', () => storedHash(2 ** 14, 8, 1)],
    ['a higher N (2^16)', () => storedHash(2 ** 16, 8, 1)],
    ['another block size and parallelism (r = 4, p = 2)', () => storedHash(2 ** 14, 4, 2)],
    ['a longer key (64 bytes)', () => storedHash(2 ** 14, 8, 1, 64)],
  ])('accepts the right password, refuses a wrong one, for a hash made with %s', async (_name, make) => {
    const stored = await make();
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword(`${password}!`, stored)).toBe(false);
  });

  it('normalizes the password (NFKC) before hashing', async () => {
    const stored = await hashPassword('caf\u00e9');
    expect(await verifyPassword('cafe\u0301', stored)).toBe(true);
  });

  const valid = storedHash(2 ** 14, 8, 1);
  const [, , , , salt, key] = valid.split('$');
  it.each([
    ['another scheme', `bcrypt$16384$8$1$${salt}$${key}`],
    ['N not a number', `scrypt$many$8$1$${salt}$${key}`],
    ['N not a power of two', `scrypt$16000$8$1$${salt}$${key}`],
    ['N beyond the limit (2^21)', `scrypt$${2 ** 21}$8$1$${salt}$${key}`],
    ['r zero', `scrypt$16384$0$1$${salt}$${key}`],
    ['p beyond the limit', `scrypt$16384$8$1000$${salt}$${key}`],
    ['memory beyond the limit (N 2^20, r 32)', `scrypt$${2 ** 20}$32$1$${salt}$${key}`],
    ['no salt', `scrypt$16384$8$1$$${key}`],
    ['no key', `scrypt$16384$8$1$${salt}$`],
    ['a key too short', `scrypt$16384$8$1$${salt}$${Buffer.alloc(8).toString('base64')}`],
    ['an extra field', `${valid}$extra`],
    ['an empty string', ''],
  ])('never matches a hash with %s (and does not throw)', async (_name, stored) => {
    await expect(verifyPassword(password, stored)).resolves.toBe(false);
  });
});
