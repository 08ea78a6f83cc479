import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): about 30–60 ms per hash on a small
 * server, slow enough to make a stolen hash expensive to guess, fast enough for a sign-in.
 * `@node-rs/argon2` defaults to argon2id; the PHC string it returns names the algorithm and its
 * parameters, so `verify` needs no options and older hashes keep verifying if these change.
 */
const argon2Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Passwords shorter than this are refused when an account is created (NIST SP 800-63B: 8). */
export const minPasswordLength = 8;

export async function hashPassword(password: string): Promise<string> {
  const hashed = await hash(password, argon2Options);
  if (!hashed.startsWith('$argon2id$')) throw new Error('argon2: expected an argon2id hash');
  return hashed;
}

/** True when `password` matches the stored PHC string; false for a wrong password or a malformed hash. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for a username that has no account: a sign-in
 * with an unknown name then takes as long as one with a wrong password, so timing does not tell
 * which usernames exist.
 */
export async function verifyDummyPassword(password: string): Promise<void> {
  dummyHash ??= hashPassword('gridmap: no such account');
  await verifyPassword(await dummyHash, password);
}
