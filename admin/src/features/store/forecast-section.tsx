/** Pick a product; see its forecast chart, the reasons behind it and the order advice in words. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../components/query-view';
import { addDays } from '../../lib/format';
import { useProductForecast } from './api/forecast';
import type { Product } from './api/profile';
import { useSales } from './api/sales';
import { ForecastChart } from './forecast-chart';

const ACTUAL_DAYS = 28;

export function ForecastSection({ storeId, products }: { storeId: string; products: Product[] }) {
  const { t, i18n } = useTranslation();
  const selectId = useId();
  const [sku, setSku] = useState(products[0]?.sku);
  const forecast = useProductForecast(storeId, sku, i18n.language);
  const firstDay = forecast.data?.forecast[0]?.date;
  const actuals = useSales(
    storeId,
    { from: firstDay ? addDays(firstDay, -ACTUAL_DAYS) : '', to: firstDay ? addDays(firstDay, -1) : '', sku },
    Boolean(firstDay),
  );

  if (!products.length) return <p className="muted">{t('store.catalogue.empty')}</p>;
  return (
    <div className="stack">
      <div className="field-inline">
        <label htmlFor={selectId}>{t('store.forecast.product')}</label>
        <select id={selectId} value={sku} onChange={(event) => setSku(event.target.value)}>
          {products.map((product) => (
            <option key={product.sku} value={product.sku}>
              {product.name}
            </option>
          ))}
        </select>
      </div>
      <QueryView query={forecast}>
        {(productForecast) => (
          <>
            <ForecastChart forecast={productForecast} actuals={actuals.data} />
            <p>{productForecast.explanation}</p>
            <p className="note">{productForecast.recommendation.text}</p>
          </>
        )}
      </QueryView>
    </div>
  );
}
