/**
 * The frame around every screen after login: a skip link, the header with the role's menu, the
 * language switch and logout, and the screen itself.
 */
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { endSession, type Session } from '../api/session';
import { Loading } from '../components/query-view';
import { ScreenBoundary } from '../components/screen-boundary';
import { LanguageSwitch } from './language-switch';
import { navFor } from './nav-items';
import { useStoreScope } from './store-scope';

export function Shell({ session }: { session: Session }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const storeId = useStoreScope();
  const isAdmin = session.user.role === 'admin';

  // A chosen screen closes the menu on phones.
  useEffect(() => setMenuOpen(false), [pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="app-header">
        <span className="brand">BharatSense</span>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
          {t('common.menu')}
        </button>
        <nav id="main-nav" aria-label={t('nav.label')} className={menuOpen ? 'main-nav open' : 'main-nav'}>
          <ul>
            {navFor(session.user.role).map((item) => (
              <li key={item.to}>
                {/* `end`: an open store (/stores/x) is the Store item, not Stores. */}
                <NavLink to={item.to === '/store' && isAdmin && storeId ? `/stores/${storeId}` : item.to} end={item.to === '/stores'}>
                  {t(`nav.${item.label}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          {/* Admins act on the store they opened last: say which, so an upload never lands in the wrong one. */}
          {isAdmin && storeId && <span className="small">{t('stores.current', { storeId })}</span>}
          <LanguageSwitch />
          <span className="muted small who">{session.user.name ?? session.user.email}</span>
          <button type="button" onClick={endSession}>
            {t('auth.logout')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <ScreenBoundary resetKey={pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </ScreenBoundary>
      </main>
    </div>
  );
}
