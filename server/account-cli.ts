import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from './domain/roles.ts';
import { createAccount, changeAccount } from './services/accounts.ts';
import { ClientError } from './errors.ts';
import { chosenDistrict, openDistricts } from './cli-stores.ts';

/**
 * `npm run account -- add --username 10001 --role admin [--name 张三] [--department 3] [--grid B01]…`
 * creates an account (the first administrator of a new installation); `reset --username 10001`
 * sets a new password; `unlock --username 10001` lifts a lock. The password is typed at a prompt
 * that does not echo it, never given on the command line, so it stays out of the shell's history;
 * piped in, it is read from the first line. Either way the account must change it at its first sign-in.
 */

const USAGE = `usage: npm run account -- add --username NAME --role ROLE [--role ROLE] [--name DISPLAY] [--department ID] [--grid CODE]… [--district CODE]
       npm run account -- reset --username NAME [--district CODE]
       npm run account -- unlock --username NAME [--district CODE]
roles: ${ROLES.join(', ')}`;

async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    throw new Error('no password was given on standard input');
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const reader = createInterface({ input: process.stdin, output, terminal: true });
  const ask = (question: string) => new Promise<string>((answer) => {
    muted = false;
    reader.question(question, answer);
    muted = true;
  });
  try {
    const first = await ask(prompt);
    process.stdout.write('\n');
    const again = await ask('again: ');
    process.stdout.write('\n');
    if (first !== again) throw new Error('the two passwords differ; nothing was changed');
    return first;
  } finally {
    reader.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      username: { type: 'string' }, role: { type: 'string', multiple: true }, name: { type: 'string' },
      department: { type: 'string' }, grid: { type: 'string', multiple: true }, district: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (!['add', 'reset', 'unlock'].includes(command ?? '') || !values.username) throw new Error(USAGE);
  const roles = values.role ?? [];
  const unknown = roles.filter((role) => !ROLES.includes(role as Role));
  if (unknown.length > 0) throw new Error(`not a role: ${unknown.join(', ')}\n${USAGE}`);
  if (command === 'add' && roles.length === 0) throw new Error(`an account needs a role\n${USAGE}`);

  const { districts, close } = await openDistricts();
  try {
    const served = chosenDistrict(districts, values.district);
    const origin = { username: `cli:${userInfo().username}`, address: 'local' };
    const now = Date.now();
    if (command === 'unlock') {
      await changeAccount(served.store, values.username, { unlock: true }, origin, now);
      console.log(`${values.username} is unlocked`);
      return;
    }
    const password = await readPassword(command === 'add' ? `password for ${values.username}: ` : `new password for ${values.username}: `);
    if (command === 'add') {
      const account = await createAccount(served.store, {
        username: values.username, displayName: values.name ?? values.username, roles: roles as Role[],
        departmentId: values.department === undefined ? null : Number(values.department), gridCodes: values.grid ?? [], password,
      }, origin, now);
      console.log(`created ${account.username} (${account.roles.join(', ')}) in ${served.district.name}; it must change its password at first sign-in`);
    } else {
      await changeAccount(served.store, values.username, { password }, origin, now);
      console.log(`${values.username} has a new password, to be changed at the next sign-in; its sessions were ended`);
    }
  } finally {
    await close();
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  console.error(`civgrid account: ${error instanceof ClientError || error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
