import { hash, verify } from '@node-rs/argon2';

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
