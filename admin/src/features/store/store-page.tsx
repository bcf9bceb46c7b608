/**
 * One store: its catalogue, sales, forecasts, what to order, prices, insights and forecast
 * accuracy. An owner lands on their own; an admin opens one from the Stores screen.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Page, Section } from '../../components/page';
import { QueryView } from '../../components/query-view';
import { pickStore, useStoreScope } from '../../layout/store-scope';
import { PickStoreFirst } from '../../components/pick-store-first';
import { AccuracyTable } from './accuracy-table';
import { useStoreProfile } from './api/profile';
import { CatalogueTable } from './catalogue-table';
import { ForecastSection } from './forecast-section';
import { InsightsPanel } from './insights-panel';
import { PricePositions } from './price-positions';
import { ReorderList } from './reorder-list';
import { SalesChart } from './sales-chart';

export function StorePage() {
  const { t } = useTranslation();
  const fromAddress = useParams().storeId;
  const inScope = useStoreScope();
  const storeId = fromAddress ?? inScope;

  // An admin who opens a store keeps it for the conversation and upload screens.
  useEffect(() => {
    if (fromAddress) pickStore(fromAddress);
  }, [fromAddress]);

  if (!storeId) return <PickStoreFirst title={t('nav.store')} />;
  return <StoreScreens storeId={storeId} />;
}

function StoreScreens({ storeId }: { storeId: string }) {
  const { t } = useTranslation();
  const profile = useStoreProfile(storeId);
  const title = profile.data ? profile.data.name : t('nav.store');
  return (
    <Page title={title}>
      <QueryView query={profile}>
        {(store) => (
          <>
            <p className="muted">
              {store.city}, {store.state} · {store.storeId}
            </p>
            <Section id="reorder" title={t('store.reorder.title')}>
              <ReorderList storeId={storeId} products={store.products} />
            </Section>
            <Section id="sales" title={t('store.sales.title')}>
              <SalesChart storeId={storeId} timeZone={store.timezone} />
            </Section>
            <Section id="forecast" title={t('store.forecast.title')}>
              <ForecastSection storeId={storeId} products={store.products} />
            </Section>
            <Section id="prices" title={t('store.prices.title')}>
              <PricePositions storeId={storeId} />
            </Section>
            <Section id="insights" title={t('store.insights.title')}>
              <InsightsPanel storeId={storeId} />
            </Section>
            <Section id="catalogue" title={t('store.catalogue.title')}>
              <CatalogueTable storeId={storeId} products={store.products} />
            </Section>
            <Section id="accuracy" title={t('store.accuracy.title')}>
              <AccuracyTable storeId={storeId} products={store.products} />
            </Section>
          </>
        )}
      </QueryView>
    </Page>
  );
}
