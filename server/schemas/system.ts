import { Type } from 'typebox';
import { Instant } from './common.ts';

export const Health = Type.Object({
  status: Type.Literal('ok'),
  schemaVersion: Type.Integer(),
  time: Instant,
});

export const Readiness = Type.Object({
  status: Type.Enum(['ready', 'not ready']),
  database: Type.Enum(['writable', 'read-only', 'busy', 'failing'], { description: 'whether a write could be made now (tried, and rolled back)' }),
  schema: Type.Enum(['current', 'behind'], { description: 'whether every migration has run' }),
  freeDiskBytes: Type.Union([Type.Integer(), Type.Null()], { description: 'free space where the database file lives; null on a database server, which its own monitoring watches' }),
  minimumFreeDiskBytes: Type.Integer(),
  lastBackupAt: Type.Union([Instant, Type.Null()], { description: 'the newest backup, when backups are scheduled' }),
  problems: Type.Array(Type.String(), { description: 'what stops the server being ready, each in a sentence' }),
});

/** How the browser pages pace themselves; set on the server (CIVGRID_REFRESH_SECONDS, CIVGRID_POLL_WHILE_DOWN_SECONDS). */
export const ClientSettings = Type.Object({
  now: Instant,
  refreshSeconds: Type.Integer({ minimum: 0, description: 'how often pages refetch what they show besides following the live feed; 0: never' }),
  pollWhileDownSeconds: Type.Integer({ minimum: 1, description: 'how often pages refetch what the live feed would refresh while it is down' }),
});
