/**
 * The store the store screens act on. An owner's is in their token; an admin picks one on the
 * Stores screen and it stays picked (on this device) for the store, conversation and upload
 * screens, which send it as `X-Store-Id`.
 */
import { useSyncExternalStore } from 'react';
import { useSession } from '../api/session';

const KEY = 'bharatsense.adminStore';
const listeners = new Set<() => void>();

function picked(): string | null {
  return localStorage.getItem(KEY);
}

export function pickStore(storeId: string): void {
  if (picked() === storeId) return;
  localStorage.setItem(KEY, storeId);
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The store in scope, or undefined while an admin has not picked one. */
export function useStoreScope(): string | undefined {
  const session = useSession();
  const adminPick = useSyncExternalStore(subscribe, picked);
  if (!session) return undefined;
  return session.user.role === 'owner' ? session.user.storeId : (adminPick ?? undefined);
}
