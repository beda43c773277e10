import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { onOutboxChange, sendWaiting, waitingItems, type Outgoing } from './outbox.ts';

/** How often a phone with something waiting tries the server again, besides when the browser says it is back online. */
const RETRY_MS = 15_000;

/**
 * What is waiting to be sent, kept current; sends it when the app opens, when the connection
 * returns and every little while until it is gone; refreshes the lists once something went.
 */
export function useOutbox(): Outgoing[] {
  const queryClient = useQueryClient();
  const [items, setItems] = useState<Outgoing[]>([]);
  useEffect(() => {
    let live = true;
    const read = () => void waitingItems().then((waiting) => live && setItems(waiting));
    const send = () => void sendWaiting().then((sent) => {
      if (sent > 0) void queryClient.invalidateQueries();
    });
    const unsubscribe = onOutboxChange(() => {
      read();
      send();
    });
    read();
    send();
    window.addEventListener('online', send);
    const timer = window.setInterval(send, RETRY_MS);
    return () => {
      live = false;
      unsubscribe();
      window.removeEventListener('online', send);
      window.clearInterval(timer);
    };
  }, [queryClient]);
  return items;
}
