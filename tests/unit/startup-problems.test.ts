import { describe, expect, it } from 'vitest';
import { startupProblem } from '../../server/startup-problems.ts';
import { redactSecrets } from '../../server/logging.ts';

const where = { databasePath: '/srv/civgrid/civgrid.db', backupDirectory: '/srv/civgrid/backups', port: 8080 };
const failure = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`${code}: raw`), { code, ...extra });

describe('what stopped the server starting', () => {
  it('is said in words for each failure a site meets, naming the file and what to do', () => {
    expect(startupProblem(failure('SQLITE_FULL'), where)).toBe('the disk holding /srv/civgrid/civgrid.db is full; free some space and start again');
    expect(startupProblem(failure('ENOSPC'), where)).toMatch(/^the disk holding .* is full/);
    expect(startupProblem(failure('SQLITE_READONLY'), where)).toMatch(/^cannot write \/srv\/civgrid\/civgrid\.db: /);
    expect(startupProblem(failure('EACCES', { path: '/srv/civgrid/backups' }), where)).toMatch(/^cannot write \/srv\/civgrid\/backups: /);
    expect(startupProblem(failure('SQLITE_CORRUPT'), where)).toMatch(/restore a backup with npm run restore -- FILE \(backups are kept in \/srv\/civgrid\/backups\)$/);
    expect(startupProblem(failure('EACCES', { syscall: 'listen' }), where)).toMatch(/^cannot listen on port 8080: /);
    expect(startupProblem(new Error('PORT must be a port number, not x'), where)).toBe('PORT must be a port number, not x');
  });
});

describe('logs', () => {
  it('never carry a token, a key or a password from a URL', () => {
    expect(redactSecrets('/api/districts/qingchuan/screen/today?token=s3cret&x=1')).toBe('/api/districts/qingchuan/screen/today?token=[redacted]&x=1');
    expect(redactSecrets('/screen?tour=0&TOKEN=abc')).toBe('/screen?tour=0&TOKEN=[redacted]');
    expect(redactSecrets('/tiles/raster/1/2/3?tk=KEY#x')).toBe('/tiles/raster/1/2/3?tk=[redacted]#x');
    expect(redactSecrets('/api/districts/qingchuan/issues?state=closed')).toBe('/api/districts/qingchuan/issues?state=closed');
  });
});
