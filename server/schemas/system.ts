import { Type } from 'typebox';
import { Instant } from './common.ts';

export const Health = Type.Object({
  status: Type.Literal('ok'),
  schemaVersion: Type.Integer(),
  time: Instant,
});

/** How the browser pages pace themselves; set on the server (CIVGRID_REFRESH_SECONDS, CIVGRID_POLL_WHILE_DOWN_SECONDS). */
export const ClientSettings = Type.Object({
  now: Instant,
  refreshSeconds: Type.Integer({ minimum: 0, description: 'how often pages refetch what they show besides following the live feed; 0: never' }),
  pollWhileDownSeconds: Type.Integer({ minimum: 1, description: 'how often pages refetch what the live feed would refresh while it is down' }),
});
