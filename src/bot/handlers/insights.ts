/** "How is my shop doing?": the last 7 days against the 7 before, in sales and top sellers. */
import { addDays } from '../../domain/dates.js';
import type { Handler } from '../context.js';
import { formatQuantity, formatRupees } from '../format.js';

const change = (now: number, before: number) => (before > 0 ? `${now >= before ? '+' : ''}${Math.round((now / before - 1) * 100)}%` : '—');

export const insights: Handler = async (ctx) => {
  const start = addDays(ctx.today, -14);
  const midpoint = addDays(ctx.today, -7);
  const sales = await ctx.analytics.dailySales(ctx.store.storeId, { from: start, to: addDays(ctx.today, -1) });
  if (sales.length === 0) return ctx.t('insights.noSales');
  const week = { revenue: 0, qty: new Map<string, number>() };
  const before = { revenue: 0, qty: new Map<string, number>() };
  for (const sale of sales) {
    const bucket = sale.date >= midpoint ? week : before;
    bucket.revenue += sale.qty * (sale.price ?? 0);
    bucket.qty.set(sale.sku, (bucket.qty.get(sale.sku) ?? 0) + sale.qty);
  }
  const byRevenue = [...week.qty]
    .map(([sku, qty]) => ({ product: ctx.products.find((p) => p.sku === sku), qty, earlier: before.qty.get(sku) ?? 0 }))
    .filter((r) => r.product)
    .sort((a, b) => b.qty * b.product!.price - a.qty * a.product!.price)
    .slice(0, 3);
  const pct = (now: number, before: number) => (before > 0 ? Math.round((now / before - 1) * 100) : null);
  const facts = [
    { label: 'sales value, last 7 days', value: Math.round(week.revenue), unit: '₹', date: midpoint },
    { label: 'sales value, the 7 days before', value: Math.round(before.revenue), unit: '₹', date: start },
    ...(before.revenue > 0 ? [{ label: 'change in sales value', value: pct(week.revenue, before.revenue)!, unit: '%' }] : []),
    ...byRevenue.flatMap((r) => [
      { label: `top seller, units sold in last 7 days: ${r.product!.name}`, value: Math.round(r.qty * 10) / 10, unit: r.product!.unit },
      ...(r.earlier > 0 ? [{ label: `change vs the week before: ${r.product!.name}`, value: pct(r.qty, r.earlier)!, unit: '%' }] : []),
    ]),
  ];
  const text = [
    ctx.t('insights.header'),
    ctx.t('insights.revenue', { revenue: formatRupees(Math.round(week.revenue)), change: change(week.revenue, before.revenue) }),
    ctx.t('insights.top'),
    ...byRevenue.map((r) => ctx.t('insights.line', { product: r.product!.name, quantity: formatQuantity(ctx.t, Math.round(r.qty * 10) / 10, r.product!.unit), change: change(r.qty, r.earlier) })),
  ].join('\n');
  return { text, facts };
};
