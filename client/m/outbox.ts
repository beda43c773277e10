import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { IssueActionBody, ReportIssueBody } from '../../server/schemas/contract.ts';
import { api, ApiError } from '../api/client.ts';

/**
 * What the phone has to send: every report and action goes through here, kept in IndexedDB
 * with its photos until the server has taken it, so that one made in an underpass is sent when
 * the signal returns. Each carries a key made on the phone, which the server remembers: sent
 * again after an answer was lost, it is answered as the first time and nothing is done twice.
 */

export type OutgoingPhoto = { blob: Blob; name: string };

interface OutgoingBase {
  key: string;
  /** Whose it is: sent only while that account is signed in on the phone. */
  username: string;
  createdAt: number;
  photos: OutgoingPhoto[];
  /** The photos' ids once uploaded, so that a retry does not send them again. */
  photoIds?: number[];
  /** Why the server refused it: kept on the phone, shown, until the user lets it go. */
  refusal?: string;
}
export type Outgoing =
  | (OutgoingBase & { kind: 'report'; body: Omit<ReportIssueBody, 'photoIds'> })
  | (OutgoingBase & { kind: 'action'; issueId: number; issueCode: string; body: Omit<IssueActionBody, 'photoIds'> });

interface OutboxSchema extends DBSchema {
  outgoing: { key: string; value: Outgoing; indexes: { byCreation: number } };
}

let database: Promise<IDBPDatabase<OutboxSchema>> | null = null;
const outbox = () => (database ??= openDB<OutboxSchema>('civgrid-field', 1, {
  upgrade(created) {
    created.createObjectStore('outgoing', { keyPath: 'key' }).createIndex('byCreation', 'createdAt');
  },
}));

/** A key no other request of this phone has: random, and made without crypto.randomUUID, which plain-HTTP intranet pages lack. */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `field-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

const listeners = new Set<() => void>();
const changed = () => listeners.forEach((listener) => listener());

/** Called whenever what is waiting changes. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in account's items, oldest first; another account's wait for it to sign in again. */
export async function waitingItems(): Promise<Outgoing[]> {
  return (await (await outbox()).getAllFromIndex('outgoing', 'byCreation')).filter((item) => item.username === owner);
}

/** What a page hands over: the outbox gives it its key, its time and its account. */
type WithoutOwnFields<Each> = Each extends unknown ? Omit<Each, 'key' | 'createdAt' | 'username'> : never;
export type Unsent = WithoutOwnFields<Outgoing>;

let owner: string | null = null;

/** The account signed in on the phone: what it makes is its own, and only its own is sent while it is. */
export function setOutboxOwner(username: string): void {
  owner = username;
  changed();
}

/** Keeps a report or an action on the phone under a key of its own, to be sent at once or when the signal returns. */
export async function enqueue(item: Unsent): Promise<void> {
  if (owner === null) throw new Error('no account is signed in on this phone');
  await (await outbox()).put('outgoing', { ...item, key: newIdempotencyKey(), createdAt: Date.now(), username: owner } as Outgoing);
  changed();
}

/** Lets a refused item go: the user has read why. */
export async function discard(key: string): Promise<void> {
  await (await outbox()).delete('outgoing', key);
  changed();
}

/** Network failures, the server's own troubles and an ended session are waited out; a refusal (4xx) is the answer. */
const isRefusal = (error: unknown): error is ApiError => error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 408 && error.status !== 429;

async function sendOne(item: Outgoing): Promise<void> {
  let photoIds = item.photoIds;
  if (photoIds === undefined) {
    photoIds = item.photos.length === 0 ? [] : (await api.uploadPhotos(item.photos)).map((photo) => photo.id);
    await (await outbox()).put('outgoing', { ...item, photoIds });
  }
  const withPhotos = photoIds.length > 0 ? { photoIds } : {};
  if (item.kind === 'report') await api.report({ ...item.body, ...withPhotos }, item.key);
  else await api.actOnce(item.issueId, { ...item.body, ...withPhotos }, item.key);
}

let sending: Promise<number> | null = null;

/**
 * Sends what is waiting, oldest first, one at a time; stops at the first that cannot reach the
 * server, to try again later. Returns how many were taken.
 */
export function sendWaiting(): Promise<number> {
  sending ??= (async () => {
    let sent = 0;
    try {
      for (const item of await waitingItems()) {
        if (item.refusal !== undefined) continue;
        try {
          await sendOne(item);
          await (await outbox()).delete('outgoing', item.key);
          sent += 1;
        } catch (error) {
          if (!isRefusal(error)) break;
          await (await outbox()).put('outgoing', { ...item, refusal: error.message });
        } finally {
          changed();
        }
      }
    } finally {
      sending = null;
    }
    return sent;
  })();
  return sending;
}
