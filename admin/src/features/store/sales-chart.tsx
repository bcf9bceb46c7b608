/** The store's last 90 days: units sold and revenue per day. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import { QueryView } from '../../components/query-view';
import { addDays, formatMoney, todayIn } from '../../lib/format';
import { useFormat } from '../../lib/use-format';
import { useSales, type SalesSeries } from './api/sales';
import { dayAxis, dayToSeconds, UPlotChart, utcDates } from './uplot-chart';

const DAYS = 90;

export function SalesChart({ storeId, timeZone }: { storeId: string; timeZone: string }) {
  const to = addDays(todayIn(timeZone), -1);
  const sales = useSales(storeId, { from: addDays(to, -(DAYS - 1)), to });
  return <QueryView query={sales}>{(series) => <SalesPlot sales={series} />}</QueryView>;
}

function SalesPlot({ sales }: { sales: SalesSeries }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const totalRevenue = sales.series.reduce((sum, day) => sum + day.revenue, 0);
  const totalUnits = sales.series.reduce((sum, day) => sum + day.units, 0);

  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      ...utcDates,
      scales: { x: { time: true }, units: {}, rupees: {} },
      series: [
        {},
        { label: t('store.sales.units'), scale: 'units', stroke: '#1d4ed8', width: 2 },
        { label: t('store.sales.revenue'), scale: 'rupees', stroke: '#b45309', width: 1.5, value: (_u, v) => (v == null ? '–' : formatMoney(Math.round(v))) },
      ],
      // The rupee axis needs room for ₹1,25,000.
      axes: [dayAxis(i18n.language), { scale: 'units' }, { scale: 'rupees', side: 1, size: 80, grid: { show: false }, values: (_u, ticks) => ticks.map((v) => formatMoney(v)) }],
    }),
    [t, i18n.language],
  );
  const data = useMemo<uPlot.AlignedData>(
    () => [sales.series.map((d) => dayToSeconds(d.date)), sales.series.map((d) => d.units), sales.series.map((d) => d.revenue)],
    [sales],
  );

  return (
    <UPlotChart
      label={t('store.sales.chartLabel')}
      summary={t('store.sales.summary', {
        from: format.day(sales.from),
        to: format.day(sales.to),
        units: format.number(totalUnits, 0),
        revenue: format.money(Math.round(totalRevenue)),
      })}
      options={options}
      data={data}
    />
  );
}
