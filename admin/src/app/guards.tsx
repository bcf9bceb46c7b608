/** Doors in front of screens: logged in at all, and for the machinery, an admin. */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession, type Role } from '../api/session';
import { Shell } from '../layout/shell';
import { homeOf } from '../layout/nav-items';

/** The shell for a logged-in person; anyone else goes to the login page and comes back after. */
export function LoggedIn() {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <Shell session={session} />;
}

/** Screens for one role only: the others land on their home screen, as if the link did not exist. */
export function OnlyFor({ role, children }: { role: Role; children: ReactNode }) {
  const session = useSession();
  if (!session) return null;
  if (session.user.role !== role) return <Navigate to={homeOf(session.user.role)} replace />;
  return <>{children}</>;
}

export function Home() {
  const session = useSession();
  return session ? <Navigate to={homeOf(session.user.role)} replace /> : <Navigate to="/login" replace />;
}
