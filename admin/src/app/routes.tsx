/**
 * Every screen and its address under /admin. Screens load on first visit (React.lazy), so the
 * login page does not wait for the charts.
 */
import { lazy, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { Page } from '../components/page';
import { LoginPage } from '../features/auth/login-page';
import { Home, LoggedIn, OnlyFor } from './guards';

/** A screen from its module's named export, split into its own chunk. */
function screen<M>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const OverviewPage = screen(() => import('../features/overview/overview-page'), 'OverviewPage');
const StoresPage = screen(() => import('../features/stores/stores-page'), 'StoresPage');
const StorePage = screen(() => import('../features/store/store-page'), 'StorePage');
const ConversationsPage = screen(() => import('../features/conversations/conversations-page'), 'ConversationsPage');
const UploadPage = screen(() => import('../features/upload/upload-page'), 'UploadPage');
const SimulatorPage = screen(() => import('../features/simulator/simulator-page'), 'SimulatorPage');
const MarketPage = screen(() => import('../features/market/market-page'), 'MarketPage');
const JobsPage = screen(() => import('../features/jobs/jobs-page'), 'JobsPage');
const AuditPage = screen(() => import('../features/audit/audit-page'), 'AuditPage');

const admin = (element: ReactNode) => <OnlyFor role="admin">{element}</OnlyFor>;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<LoggedIn />}>
        <Route index element={<Home />} />
        <Route path="store" element={<StorePage />} />
        <Route path="stores/:storeId" element={admin(<StorePage />)} />
        <Route path="conversations" element={<ConversationsPage />} />
        <Route path="conversations/:conversationId" element={<ConversationsPage />} />
        <Route path="upload" element={<UploadPage />} />
        <Route path="overview" element={admin(<OverviewPage />)} />
        <Route path="stores" element={admin(<StoresPage />)} />
        <Route path="simulator" element={admin(<SimulatorPage />)} />
        <Route path="market" element={admin(<MarketPage />)} />
        <Route path="jobs" element={admin(<JobsPage />)} />
        <Route path="audit" element={admin(<AuditPage />)} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Page title={t('common.notFound')}>
      <p>{t('common.notFoundHint')}</p>
    </Page>
  );
}
