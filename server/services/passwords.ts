import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';
import { passwordProblem } from '../domain/password-policy.ts';

/**
 * Passwords are kept as argon2id hashes (memory-hard; OWASP's parameters: 19 MiB, two passes),
 * in the PHC string form that names its own parameters, so stronger ones later still verify old hashes.
 */
// 2 is Argon2id in the package's enum, which isolated modules cannot read.
const PARAMETERS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, PARAMETERS);

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when no account has the username, so that a miss takes as long as a wrong password. */
let decoy: Promise<string> | null = null;
export async function spendVerification(password: string): Promise<void> {
  decoy ??= hashPassword('decoy password 0');
  await passwordMatches(await decoy, password);
}

/** Letters and digits that cannot be misread when a password is read out or copied from paper (no 0/O, 1/l/I). */
const ONE_TIME_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A random first password for an account the policy allows; its holder must change it at first sign-in. */
export function oneTimePassword(username: string): string {
  for (;;) {
    const password = Array.from({ length: 12 }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]).join('');
    if (passwordProblem(password, username) === null) return password;
  }
}
