/**
 * Who is logged in: the token from `POST /auth/login` and the person it is for, kept in
 * localStorage so a reload stays logged in. A tiny external store so the HTTP client (outside
 * React) and the screens (through `useSession`) read the same thing.
 */
import { useSyncExternalStore } from 'react';

export type Role = 'owner' | 'admin';

export interface SessionUser {
  userId: string;
  role: Role;
  /** Owners only: the store in their token. */
  storeId?: string;
  name?: string;
  email?: string;
  language: string;
}

export interface Session {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

const KEY = 'bharatsense.session';
const listeners = new Set<() => void>();
let current: Session | null = load();

function load(): Session | null {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    // An expired token would only earn a 401 on the first request: start at the login page instead.
    return saved && Date.parse(saved.expiresAt) > Date.now() ? saved : null;
  } catch {
    return null;
  }
}

function publish(next: Session | null): void {
  current = next;
  listeners.forEach((listener) => listener());
}

export function getSession(): Session | null {
  return current;
}

export function startSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
  publish(session);
}

/** Logging out, or the API saying the token is no longer good (401). */
export function endSession(): void {
  localStorage.removeItem(KEY);
  // The service worker keeps the last API answers for offline use: not for the next person.
  navigator.serviceWorker?.controller?.postMessage('forget-api');
  publish(null);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession);
}
