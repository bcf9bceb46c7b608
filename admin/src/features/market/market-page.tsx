/** For admins: what commodities cost in each market, where the figure came from and when. */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page';
import { QueryView } from '../../components/query-view';
import { TableRegion } from '../../components/table-region';
import { useFormat } from '../../lib/use-format';
import { useMarket, type MarketTable } from './api';

export function MarketPage() {
  const { t } = useTranslation();
  const market = useMarket();
  return (
    <Page title={t('nav.market')}>
      <QueryView query={market}>{(table) => <MarketPrices table={table} />}</QueryView>
    </Page>
  );
}

function MarketPrices({ table }: { table: MarketTable }) {
  const { t } = useTranslation();
  const format = useFormat();
  const filterId = useId();
  const [commodity, setCommodity] = useState('');
  const commodities = useMemo(() => [...new Set(table.items.map((q) => q.commodity))].sort(), [table]);
  const shown = table.items
    .filter((q) => !commodity || q.commodity === commodity)
    .sort((a, b) => a.commodity.localeCompare(b.commodity) || a.level.localeCompare(b.level) || a.market.localeCompare(b.market));

  return (
    <>
      <p>
        {table.asOf ? t('market.asOf', { date: format.day(table.asOf, true) }) : t('market.noData')}
        {table.stale && <strong className="stale"> {t('store.prices.stale')}</strong>}
      </p>
      <div className="field-inline">
        <label htmlFor={filterId}>{t('market.commodity')}</label>
        <select id={filterId} value={commodity} onChange={(e) => setCommodity(e.target.value)}>
          <option value="">{t('market.all')}</option>
          {commodities.map((c) => <option key={c} value={c}>{c.replace(/_/g, ' ')}</option>)}
        </select>
      </div>
      <TableRegion label={t('nav.market')}>
        <table>
          <caption className="sr-only">{t('market.caption', { count: shown.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('market.commodity')}</th>
              <th scope="col">{t('market.market')}</th>
              <th scope="col" className="num">{t('market.price')}</th>
              <th scope="col">{t('market.source')}</th>
              <th scope="col">{t('market.date')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((q) => (
              <tr key={`${q.commodity}|${q.level}|${q.market}|${q.source}`}>
                <th scope="row">
                  {q.commodity.replace(/_/g, ' ')}
                  <span className="muted small block">{t(`market.levels.${q.level}`)}</span>
                </th>
                <td>
                  {q.market}
                  <span className="muted small block">{[q.district, q.state].filter(Boolean).join(', ')}</span>
                </td>
                <td className="num">{t('store.prices.perUnit', { price: format.money(q.price), unit: format.unit(q.unit) })}</td>
                <td>{q.source}</td>
                <td>{format.day(q.date, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}
