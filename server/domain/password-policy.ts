/**
 * The password policy (等保 2.0 identification and authentication): at least 8 characters,
 * letters and digits mixed, not the username, and none of the account's last 3 passwords again
 * (checked against their hashes by the caller).
 */

export const MINIMUM_PASSWORD_LENGTH = 8;
export const MAXIMUM_PASSWORD_LENGTH = 128;
export const PASSWORDS_REMEMBERED = 3;

/** Why a password may not be used, or null. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MINIMUM_PASSWORD_LENGTH) return `password: at least ${MINIMUM_PASSWORD_LENGTH} characters`;
  if (password.length > MAXIMUM_PASSWORD_LENGTH) return `password: at most ${MAXIMUM_PASSWORD_LENGTH} characters`;
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) return 'password: mix letters and digits';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'password: must not contain the username';
  return null;
}
