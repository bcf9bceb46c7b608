/** The store at a glance: what is selling faster or slower, what may run out, festivals, price alerts. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../components/query-view';
import { useFormat } from '../../lib/use-format';
import { useInsights } from './api/insights';

export function InsightsPanel({ storeId }: { storeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const insights = useInsights(storeId);
  return (
    <QueryView query={insights}>
      {(i) => (
        <div className="cards">
          <InsightList title={t('store.insights.up')} empty={t('store.insights.none')}>
            {i.topMovers.up.map((m) => <li key={m.sku}>{m.name} <span className="good">+{format.percent(m.change, 0)}</span></li>)}
          </InsightList>
          <InsightList title={t('store.insights.down')} empty={t('store.insights.none')}>
            {i.topMovers.down.map((m) => <li key={m.sku}>{m.name} <span className="bad">{format.percent(m.change, 0)}</span></li>)}
          </InsightList>
          <InsightList title={t('store.insights.stockOut')} empty={t('store.insights.none')}>
            {i.stockOutRisk.map((r) => (
              <li key={r.sku}>{r.name}: {t('store.insights.daysOfCover', { days: format.number(r.daysOfCover) })}</li>
            ))}
          </InsightList>
          <InsightList title={t('store.insights.slow')} empty={t('store.insights.none')}>
            {i.slowMovers.map((r) => (
              <li key={r.sku}>{r.name}: {t('store.insights.soldIn28', { units: format.number(r.soldLast28Days) })}</li>
            ))}
          </InsightList>
          <InsightList title={t('store.insights.festivals')} empty={t('store.insights.none')}>
            {i.upcomingFestivals.map((f) => (
              <li key={f.festival + f.start}>{f.festival}: {format.day(f.peak)} ({t('store.insights.daysAway', { count: f.daysAway })})</li>
            ))}
          </InsightList>
          <InsightList title={t('store.insights.priceAlerts')} empty={t('store.insights.none')}>
            {i.priceAlerts.map((a) => (
              <li key={a.sku}>
                {a.name}: {t(`store.prices.positions.${a.position}`)}
                {a.suggestedPrice != null && ` → ${format.money(a.suggestedPrice)}`}
                {a.stale && <strong className="stale"> {t('store.prices.stale')}</strong>}
              </li>
            ))}
          </InsightList>
        </div>
      )}
    </QueryView>
  );
}

function InsightList({ title, empty, children }: { title: string; empty: string; children: ReactNode[] }) {
  return (
    <div className="card">
      <h3>{title}</h3>
      {children.length ? <ul className="plain">{children}</ul> : <p className="muted small">{empty}</p>}
    </div>
  );
}
