/** What to order now: every product whose forecast says the shelf will run short before a delivery. */
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../components/query-view';
import { TableRegion } from '../../components/table-region';
import { useFormat } from '../../lib/use-format';
import { useStoreForecast } from './api/forecast';
import type { Product } from './api/profile';

export function ReorderList({ storeId, products }: { storeId: string; products: Product[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const batch = useStoreForecast(storeId);
  const bySku = new Map(products.map((p) => [p.sku, p]));

  return (
    <QueryView query={batch}>
      {({ forecasts }) => {
        const toOrder = forecasts.filter((f) => f.recommendation.orderQuantity > 0).sort((a, b) => b.recommendation.orderQuantity - a.recommendation.orderQuantity);
        if (!toOrder.length) return <p>{t('store.reorder.nothing')}</p>;
        return (
          <TableRegion label={t('store.reorder.title')}>
            <table>
              <caption className="sr-only">{t('store.reorder.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('store.catalogue.product')}</th>
                  <th scope="col" className="num">{t('store.reorder.order')}</th>
                  <th scope="col" className="num">{t('store.reorder.inStock')}</th>
                  <th scope="col" className="num">{t('store.reorder.demand')}</th>
                  <th scope="col" className="num">{t('store.catalogue.leadTime')}</th>
                </tr>
              </thead>
              <tbody>
                {toOrder.map(({ sku, recommendation: r }) => {
                  const product = bySku.get(sku);
                  const amount = (value: number) => (product ? format.quantity(value, product.unit) : format.number(value));
                  return (
                    <tr key={sku}>
                      <th scope="row">{product?.name ?? sku}</th>
                      <td className="num strong">{amount(r.orderQuantity)}</td>
                      <td className="num">{amount(r.stockOnHand)}</td>
                      <td className="num">{amount(r.expectedDemand)}</td>
                      <td className="num">{t('common.days', { count: r.leadTimeDays })}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
        );
      }}
    </QueryView>
  );
}
