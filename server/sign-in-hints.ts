import type { DistrictStore } from './store/districts.ts';
import { DEMO_PASSWORD, demoScreenToken, demoUsername } from './seed/demo-accounts.ts';
import { passwordMatches } from './services/passwords.ts';
import { tokenHash } from './services/sessions.ts';
import { ROLES } from './domain/roles.ts';

/**
 * What the process says once it listens: where to sign in, and for a district that still has the
 * demo's accounts (their password unchanged) and wall, which they are; for one without any
 * account, how to make the first.
 */
export async function signInHints(districts: readonly DistrictStore[], origin: string): Promise<string[]> {
  const lines = [`sign in at ${origin}/`];
  for (const { district, store } of districts) {
    const { accounts, screenDevices } = store.security.repositories;
    const pages = districts.length > 1 ? `${origin}/d/${district.code}` : origin;
    if ((await accounts.list()).length === 0) {
      lines.push(`${district.name}: no accounts yet; make the first administrator with npm run account -- add --username NAME --role admin${districts.length > 1 ? ` --district ${district.code}` : ''}`);
      continue;
    }
    const commander = await accounts.byUsername(demoUsername(district, 'commander'));
    if (commander && await passwordMatches(commander.passwordHash, DEMO_PASSWORD)) {
      // The password itself stays out of the log, as every password does; the README gives it.
      lines.push(`${district.name} (demo only): accounts ${ROLES.map((role) => demoUsername(district, role)).join(', ')}, with the demo password in the README`);
    }
    const token = demoScreenToken(district);
    const wall = await screenDevices.byTokenHash(tokenHash(token.split('.')[1]!));
    if (wall && wall.revokedAt === null) lines.push(`${district.name}'s demo wall: ${pages}/screen?device=${token}`);
  }
  return lines;
}
