/** GET /api/v1/insights on the demo store: what an owner sees at a glance, from the engines' own figures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STORE_ID } from '../../src/demo/seed.js';
import { queryAll } from '../../src/storage/tables.port.js';
import { startApp, type Harness } from '../support/app-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startApp();
});
afterAll(() => h?.stop());

describe('GET /api/v1/insights', () => {
  it('names movers, stock-out risks, slow movers, festivals, price alerts and accuracy for the caller’s store', async () => {
    // One product about to run out, one that never sells.
    const products = await queryAll(h.app.repos.products, { partition: DEMO_STORE_ID });
    const milk = products.find((p) => /milk/i.test(p.name))!;
    await h.app.repos.products.update({ storeId: DEMO_STORE_ID, sku: milk.sku }, { stock: 0 });
    await h.app.repos.products.put({ ...products[0]!, sku: 'DUSTY-01', name: 'Dusty Papad', stock: 40, canonical: null, aliases: [] });

    const res = await h.api('/api/v1/insights');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.stockOutRisk.map((r: { sku: string }) => r.sku)).toContain(milk.sku);
    const risk = body.stockOutRisk.find((r: { sku: string }) => r.sku === milk.sku);
    expect(risk.stock).toBe(0);
    expect(risk.orderQuantity).toBeGreaterThan(0);
    expect(body.slowMovers).toContainEqual(expect.objectContaining({ sku: 'DUSTY-01', soldLast28Days: 0, daysOfCover: null }));
    const movers = [...body.topMovers.up, ...body.topMovers.down];
    expect(movers.length).toBeGreaterThan(0);
    for (const mover of movers) {
      expect(Math.sign(mover.lastWeek - mover.weekBefore)).toBe(Math.sign(mover.change));
    }
    for (const festival of body.upcomingFestivals) expect(festival.daysAway).toBeGreaterThanOrEqual(0);
    expect(Array.isArray(body.priceAlerts)).toBe(true);
    for (const alert of body.priceAlerts) expect(products.map((p) => p.sku)).toContain(alert.sku);
  });

  it('answers 401 without credentials', async () => {
    const res = await h.api('/api/v1/insights', { key: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
