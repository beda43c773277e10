import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const projectRoot = resolve(import.meta.dirname, '../..');

export interface CommandResult { code: number | null; stdout: string; stderr: string }

/** Runs one of the server's command-line tools as `npm run` would, on the SQLite file given, with `input` on its standard input and `environment` added to its own. */
export function runCommand(script: string, database: string, args: readonly string[], input = '', environment: Record<string, string> = {}): Promise<CommandResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: projectRoot, env: { ...process.env, CIVGRID_DB: database, ...environment } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('exit', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
