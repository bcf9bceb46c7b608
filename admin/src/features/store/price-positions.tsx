/**
 * Each product's price against the market near the store: where it sits, the market's range,
 * the margin, the advice, and where the market figures came from and whether they are old.
 */
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../components/query-view';
import { TableRegion } from '../../components/table-region';
import { useFormat } from '../../lib/use-format';
import { usePrices, type PriceReport } from './api/prices';

export function PricePositions({ storeId }: { storeId: string }) {
  const { t } = useTranslation();
  const prices = usePrices(storeId);
  return (
    <QueryView query={prices}>
      {({ items, unmapped }) => (
        <>
          {items.length ? (
            <TableRegion label={t('store.prices.title')}>
              <table>
                <caption className="sr-only">{t('store.prices.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('store.catalogue.product')}</th>
                    <th scope="col" className="num">{t('store.prices.yours')}</th>
                    <th scope="col" className="num">{t('store.prices.market')}</th>
                    <th scope="col">{t('store.prices.position')}</th>
                    <th scope="col" className="num">{t('store.prices.margin')}</th>
                    <th scope="col">{t('store.prices.advice')}</th>
                    <th scope="col">{t('store.prices.sources')}</th>
                  </tr>
                </thead>
                <tbody>{items.map((report) => <PriceRow key={report.sku} report={report} />)}</tbody>
              </table>
            </TableRegion>
          ) : (
            <p className="muted">{t('store.prices.none')}</p>
          )}
          {unmapped.length > 0 && (
            <p className="muted small">
              {t('store.prices.unmapped', { names: unmapped.map((u) => u.name).join(', ') })}
            </p>
          )}
        </>
      )}
    </QueryView>
  );
}

function PriceRow({ report: r }: { report: PriceReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const per = format.unit(r.unit);
  return (
    <tr>
      <th scope="row">{r.name}</th>
      <td className="num">
        {format.money(r.current_price)}
        <span className="muted small block">{t('store.prices.perUnit', { price: format.money(r.price_per_unit), unit: per })}</span>
      </td>
      <td className="num">
        {t('store.prices.perUnit', { price: format.money(r.market_avg), unit: per })}
        <span className="muted small block">{format.money(r.market_range[0])}–{format.money(r.market_range[1])}</span>
      </td>
      <td>
        <span className={`badge position-${r.position}`}>{t(`store.prices.positions.${r.position}`)}</span>
      </td>
      <td className="num">{format.percent(r.margin.on_cost)}</td>
      <td>
        {t(`store.prices.actions.${r.recommendation.action}`)}
        {r.recommendation.suggested_price != null && <span className="block">{format.money(r.recommendation.suggested_price)}</span>}
      </td>
      <td className="small">
        {r.sources.map((s) => `${s.name} · ${s.market} · ${format.day(s.date)}`).join('; ')}
        <span className="block">
          {t('store.prices.asOf', { date: format.day(r.as_of, true) })}
          {r.stale && <strong className="stale"> {t('store.prices.stale')}</strong>}
        </span>
      </td>
    </tr>
  );
}
