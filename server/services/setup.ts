import { timingSafeEqual, createHash } from 'node:crypto';
import { ClientError, refusal } from '../errors.ts';
import { passwordProblem } from '../domain/password-policy.ts';
import { hashPassword } from './passwords.ts';
import { auditEntry } from '../store/security.ts';
import type { District } from '../store/districts.ts';
import type { Store } from '../store/store.ts';
import type { SetupBody } from '../schemas/contract.ts';

/**
 * An installation started with no district (CIVGRID_DEMO=off) waits for its first administrator,
 * who proves they run the server with the code it printed, names the district, and chooses their
 * own password. After that the server serves the district, empty, for them to import its data.
 */
export interface AwaitingSetup {
  /** Printed in the server's log at start; never stored. */
  code: string;
  /** The database it waits on, for the server's log. */
  dialect: Store['dialect'];
  /** The district, once it is there. */
  district(): Promise<District | null>;
  /**
   * Writes the district's name and its standard catalogs into the empty database, then hands
   * `withStore` the district's store (for its first administrator).
   */
  establish(district: District, withStore: (store: Store) => Promise<void>): Promise<void>;
  /** Lets go of the database while the installation waited. */
  close(): Promise<void>;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

export async function completeSetup(setup: AwaitingSetup, body: SetupBody, address: string, now: number): Promise<District> {
  if (!timingSafeEqual(digest(body.setupCode), digest(setup.code))) throw new ClientError(403, 'setupCode: not the code this server printed when it started', refusal('wrong_setup_code', {}));
  if (await setup.district()) throw new ClientError(409, 'this installation already has its district; sign in instead', refusal('setup_done', {}));
  const { username, displayName, password } = body.administrator;
  const weak = passwordProblem(password, username);
  if (weak) throw new ClientError(400, weak, refusal('weak_password', {}));
  const passwordHash = await hashPassword(password);
  const district = { code: body.district.code, name: body.district.name.trim() };
  await setup.establish(district, (store) => store.security.transaction(async (repositories) => {
    // They chose this password themselves just now: no change is forced at the first sign-in.
    const id = await repositories.accounts.create({ username, displayName: displayName.trim(), roles: ['admin'], departmentId: null, gridIds: [], passwordHash, mustChangePassword: false }, now);
    await repositories.accounts.recordPassword(id, passwordHash, now);
    await repositories.audit.record(auditEntry({ username, address }, now, 'installation.setup', `district:${district.code}`, { name: district.name }));
  }));
  return district;
}
