/**
 * One product's next 14 days: the expected quantity with its 80 % and 95 % bands, and the last
 * 28 days of what actually sold before them, so the owner sees whether the forecast follows
 * the shop.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import { useFormat } from '../../lib/use-format';
import type { ProductForecast } from './api/forecast';
import type { SalesSeries } from './api/sales';
import { dayAxis, dayToSeconds, UPlotChart, utcDates } from './uplot-chart';

export function ForecastChart({ forecast, actuals }: { forecast: ProductForecast; actuals: SalesSeries | undefined }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();

  const data = useMemo<uPlot.AlignedData>(() => {
    const past = actuals?.series ?? [];
    const ahead = forecast.forecast;
    const gap = (n: number) => Array<null>(n).fill(null);
    return [
      [...past.map((d) => dayToSeconds(d.date)), ...ahead.map((p) => dayToSeconds(p.date))],
      [...gap(past.length), ...ahead.map((p) => p.upper95)],
      [...gap(past.length), ...ahead.map((p) => p.lower95)],
      [...gap(past.length), ...ahead.map((p) => p.upper)],
      [...gap(past.length), ...ahead.map((p) => p.lower)],
      [...gap(past.length), ...ahead.map((p) => p.quantity)],
      [...past.map((d) => d.units), ...gap(ahead.length)],
    ];
  }, [forecast, actuals]);

  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      ...utcDates,
      scales: { x: { time: true } },
      axes: [dayAxis(i18n.language), {}],
      series: [
        {},
        { label: t('store.forecast.upper95'), stroke: '#93c5fd', width: 1 },
        { label: t('store.forecast.lower95'), stroke: '#93c5fd', width: 1 },
        { label: t('store.forecast.upper80'), stroke: '#3b82f6', width: 1 },
        { label: t('store.forecast.lower80'), stroke: '#3b82f6', width: 1 },
        { label: t('store.forecast.expected'), stroke: '#1e3a8a', width: 2, dash: [6, 4] },
        { label: t('store.forecast.actual'), stroke: '#b45309', width: 2, points: { show: true, size: 4 } },
      ],
      bands: [
        { series: [1, 2], fill: 'rgba(147, 197, 253, 0.25)' },
        { series: [3, 4], fill: 'rgba(59, 130, 246, 0.25)' },
      ],
    }),
    [t, i18n.language],
  );

  const expected = forecast.forecast.reduce((sum, p) => sum + p.quantity, 0);
  const first = forecast.forecast[0];
  const last = forecast.forecast.at(-1);
  return (
    <UPlotChart
      label={t('store.forecast.chartLabel')}
      summary={
        first && last
          ? t('store.forecast.summary', { from: format.day(first.date), to: format.day(last.date), units: format.number(expected, 0) })
          : t('store.forecast.empty')
      }
      options={options}
      data={data}
    />
  );
}
