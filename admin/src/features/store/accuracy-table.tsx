/**
 * How the forecasts did against what sold, over the last four weeks: MASE below 1 beats
 * "same as last week"; an 80 % band should hold about 80 % of the days.
 */
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../components/query-view';
import { TableRegion } from '../../components/table-region';
import { useFormat } from '../../lib/use-format';
import { useAccuracy } from './api/forecast';
import type { Product } from './api/profile';

export function AccuracyTable({ storeId, products }: { storeId: string; products: Product[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const accuracy = useAccuracy(storeId);
  const names = new Map(products.map((p) => [p.sku, p.name]));
  const ratio = (value: number | null) => (value == null ? '–' : format.number(value, 2));

  return (
    <QueryView query={accuracy}>
      {(report) =>
        !report.overall ? (
          <p className="muted">{t('store.accuracy.none', { from: format.day(report.from), to: format.day(report.to) })}</p>
        ) : (
          <>
            <p>
              {t('store.accuracy.overall', {
                mase: ratio(report.overall.mase),
                coverage: format.percent(report.overall.coverage80, 0),
                days: report.overall.days,
              })}
            </p>
            <TableRegion label={t('store.accuracy.title')}>
              <table>
                <caption className="sr-only">{t('store.accuracy.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('store.catalogue.product')}</th>
                    <th scope="col" className="num">MASE</th>
                    <th scope="col" className="num">MAE</th>
                    <th scope="col" className="num">{t('store.accuracy.bias')}</th>
                    <th scope="col" className="num">{t('store.accuracy.coverage80')}</th>
                    <th scope="col" className="num">{t('store.accuracy.coverage95')}</th>
                    <th scope="col" className="num">{t('store.accuracy.days')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.products.map((p) => (
                    <tr key={p.sku}>
                      <th scope="row">{names.get(p.sku) ?? p.sku}</th>
                      <td className="num">{ratio(p.mase)}</td>
                      <td className="num">{format.number(p.mae)}</td>
                      <td className="num">{format.number(p.bias)}</td>
                      <td className="num">{format.percent(p.coverage80, 0)}</td>
                      <td className="num">{format.percent(p.coverage95, 0)}</td>
                      <td className="num">{p.days}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </>
        )
      }
    </QueryView>
  );
}
