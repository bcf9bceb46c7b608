/**
 * What each role may open. Owners see their store, its conversations and the sales upload;
 * admins see the machinery as well. The routes check the same list, so hiding a link is not
 * the only guard.
 */
import type { Role } from '../api/session';

export interface NavItem {
  to: string;
  /** Key under `nav.` in the catalogues. */
  label: string;
  roles: readonly Role[];
}

const BOTH = ['owner', 'admin'] as const;
const ADMIN = ['admin'] as const;

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/overview', label: 'overview', roles: ADMIN },
  { to: '/stores', label: 'stores', roles: ADMIN },
  { to: '/store', label: 'store', roles: BOTH },
  { to: '/conversations', label: 'conversations', roles: BOTH },
  { to: '/upload', label: 'upload', roles: BOTH },
  { to: '/simulator', label: 'simulator', roles: ADMIN },
  { to: '/market', label: 'market', roles: ADMIN },
  { to: '/jobs', label: 'jobs', roles: ADMIN },
  { to: '/audit', label: 'audit', roles: ADMIN },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

/** Where someone lands after logging in. */
export function homeOf(role: Role): string {
  return role === 'admin' ? '/overview' : '/store';
}
