/**
 * Market figures in, the owner's price report out: feed records normalised per kg, the DCA
 * table read in both header spellings, robust aggregation, nearest markets, positions, the
 * margin optimiser, anomalies and staleness.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MarketQuote } from '../../src/domain/prices.js';
import type { Product } from '../../src/domain/product.js';
import { packOf, positionOf, priceReport, robustSummary } from '../../src/engines/prices/index.js';
import { quoteFromMandiRecord } from '../../src/market/agmarknet.js';
import { parseDcaReport } from '../../src/market/dca.js';
import { SHARED_DATASETS } from '../support/shared.js';

const fixture = (name: string) => JSON.parse(readFileSync(join(SHARED_DATASETS, 'agmarknet-datagov-snapshot-2025-12', 'fixtures', name), 'utf8'));
const rawDca = (name: string) => readFileSync(join(SHARED_DATASETS, 'dca-centre-prices-2010-2021', 'raw_examples', name), 'utf8');

const product = (over: Partial<Product> = {}): Product => ({
  storeId: 'kirana-1', sku: 'ONION', name: 'Onion', aliases: [], unit: 'kg', category: 'vegetables', price: 30, cost: 22, stock: 50,
  canonical: 'onion', leadTimeDays: 1, updatedAt: '2026-11-01T00:00:00Z', ...over,
});
const store = { state: 'MH', city: 'Pune', district: 'Pune' };

const quote = (over: Partial<MarketQuote>): MarketQuote => ({
  source: 'dca_retail', commodity: 'onion', feedName: 'Onion', market: 'PUNE', state: 'MH', date: '2026-11-24', level: 'retail', unit: 'kg', price: 30, ...over,
});

describe('AGMARKNET records', () => {
  it('reads the feed into rupees per kg, with the state as its code', () => {
    const sample = fixture('datagov_mandi_response.sample.json');
    const quotes = sample.records.map(quoteFromMandiRecord).filter(Boolean) as MarketQuote[];
    expect(quotes.length).toBeGreaterThanOrEqual(10);
    const chakan = quotes.find((q) => q.market === 'Khed(Chakan) APMC')!;
    expect(chakan).toMatchObject({ source: 'agmarknet', commodity: 'onion', state: 'MH', district: 'Pune', date: '2025-12-26', level: 'wholesale', price: 14, min: 10, max: 18 });
    const tur = quotes.find((q) => q.commodity === 'tur_dal');
    expect(tur?.feedName).toBe('Arhar Dal(Tur Dal)');
    expect(quotes.some((q) => q.commodity === 'jaggery' && q.feedName === 'Gur(Jaggery)')).toBe(true);
  });

  it('takes numbers as well as strings, prices oil per litre, and refuses what makes no sense', () => {
    const base = { state: 'Uttar Pradesh', district: 'Agra', market: 'Agra APMC', commodity: 'Mustard Oil', variety: 'Mustard Oil', grade: 'FAQ', arrival_date: '27/12/2025', min_price: 15000, max_price: 16000, modal_price: 15500 };
    // ₹15,500 a quintal = ₹155 a kg = ₹141.05 a litre at 0.91 kg/l.
    expect(quoteFromMandiRecord(base)).toMatchObject({ commodity: 'mustard_oil', unit: 'litre', price: 141.05, state: 'UP' });
    expect(quoteFromMandiRecord({ ...base, modal_price: '0' })).toBeUndefined();
    expect(quoteFromMandiRecord({ ...base, modal_price: 'NA' })).toBeUndefined();
    expect(quoteFromMandiRecord({ ...base, arrival_date: '2025-12-27' })).toBeUndefined();
    expect(quoteFromMandiRecord({ ...base, commodity: 'Soanf' })).toBeUndefined();
    expect(quoteFromMandiRecord({ market: 'x' })).toBeUndefined();
    // A min above the modal is a typo: kept out, the modal stays.
    expect(quoteFromMandiRecord({ ...base, min_price: 99_000 })).not.toHaveProperty('min');
  });
});

describe('the DCA report table', () => {
  it('reads retail per kg and wholesale per quintal, skipping "not reported"', () => {
    const retail = parseDcaReport(rawDca('retail_2021_05_07.csv'), { date: '2021-05-07', level: 'retail' });
    const delhiOnion = retail.find((q) => q.market === 'DELHI' && q.commodity === 'onion')!;
    expect(delhiOnion).toMatchObject({ source: 'dca_retail', state: 'DL', price: 23, level: 'retail', unit: 'kg' });
    expect(retail.find((q) => q.market === 'DELHI' && q.commodity === 'wheat')).toBeUndefined(); // NR
    expect(retail.find((q) => q.market === 'DELHI' && q.commodity === 'milk')).toMatchObject({ price: 46, unit: 'litre' });
    const wholesale = parseDcaReport(rawDca('wholesale_2021_05_07.csv'), { date: '2021-05-07', level: 'wholesale' });
    expect(wholesale.find((q) => q.market === 'DELHI' && q.commodity === 'onion')).toMatchObject({ price: 13.75, level: 'wholesale' });
  });

  it('reads the 2016-style headers ("Ground- nut Oil *") the same as the 2010 ones', () => {
    const old = rawDca('retail_2010_01_05.csv');
    const newer = old
      .replace('Groundnut Oil (Packed)', 'Ground- nut Oil *')
      .replace('Mustard Oil (Packed)', 'Mustard Oil *')
      .replace('Sunflower Oil (Packed)', 'Sunflower Oil *')
      .replace('Atta (Wheat)', 'Atta(Wheat)')
      .replace('Tur/Arhar Dal', 'Tur/ Arhar Dal');
    const a = parseDcaReport(old, { date: '2010-01-05', level: 'retail' });
    const b = parseDcaReport(newer, { date: '2010-01-05', level: 'retail' });
    const withoutHeader = (quotes: MarketQuote[]) => quotes.map(({ feedName: _, ...q }) => q);
    expect(withoutHeader(b)).toEqual(withoutHeader(a));
    expect(a.find((q) => q.market === 'DELHI' && q.commodity === 'groundnut_oil')).toMatchObject({ price: 101.92 }); // ₹112/kg → per litre
  });

  it('refuses a table that is not the report', () => {
    expect(() => parseDcaReport('Name,Value\nfoo,1\n', { date: '2021-05-07', level: 'retail' })).toThrow(/Centre/);
    expect(() => parseDcaReport('Centre,Apples\nDELHI,100\n', { date: '2021-05-07', level: 'retail' })).toThrow(/none of the commodities/);
  });
});

describe('aggregation and position', () => {
  it('takes the median and leaves far-off figures out', () => {
    const s = robustSummary([20, 21, 22, 22, 23, 24, 200, 2]);
    expect(s.median).toBe(22);
    expect(s.dropped).toBe(2);
    expect(s.low).toBeGreaterThanOrEqual(20);
    expect(s.high).toBeLessThanOrEqual(24);
  });

  it('places a price by its distance from the market average, with the stated thresholds', () => {
    const at = (price: number) => positionOf(price, 100);
    expect([75, 85, 95, 100, 103, 105, 115, 125].map(at)).toEqual(['well_below', 'below', 'slightly_below', 'at_market', 'at_market', 'slightly_above', 'above', 'well_above']);
  });

  it('compares per kg: a 5 kg pack is a fifth of its price per kg', () => {
    expect(packOf({ unit: 'packet', name: 'Aashirvaad Atta 5kg' }, 'wheat_atta')).toBe(5);
    expect(packOf({ unit: 'packet', name: 'Amul Taaza Milk 500ml' }, 'milk')).toBe(0.5);
    expect(packOf({ unit: 'packet', name: 'Tata Tea Premium 250g' }, 'tea')).toBe(0.25);
    expect(packOf({ unit: 'bottle', name: 'Mustard Oil 1L' }, 'mustard_oil')).toBe(1);
    expect(packOf({ unit: 'packet', name: 'Atta' }, 'wheat_atta')).toBeUndefined();
  });
});

describe('the price report', () => {
  const today = '2026-11-26';
  const district = [28, 30, 32].map((price, i) => quote({ market: ['PUNE', 'PUNE(MOSHI)', 'PUNE(MANJRI)'][i]!, district: 'Pune', price }));
  const elsewhere = [50, 52, 55].map((price, i) => quote({ market: `MUMBAI ${i}`, district: 'Mumbai', price }));

  it('compares with the store\'s district first, then its state, then the country', () => {
    const near = priceReport(product(), store, { quotes: [...district, ...elsewhere], today });
    expect(near).toMatchObject({ report: { scope: 'district', market_avg: 30, position: 'at_market', basis: 'retail', stale: false } });
    const stateOnly = priceReport(product(), { ...store, city: 'Satara', district: 'Satara' }, { quotes: [...district, ...elsewhere], today });
    expect(stateOnly).toMatchObject({ report: { scope: 'state' } });
    const national = priceReport(product(), { state: 'KA', city: 'Mysuru' }, { quotes: elsewhere.map((q) => ({ ...q, state: 'DL' })), today });
    expect(national).toMatchObject({ report: { scope: 'national', market_avg: 52 } });
    expect(priceReport(product(), store, { quotes: [district[0]!], today })).toEqual({ reason: 'no_market_data', commodity: 'onion' });
  });

  it('estimates the shop price from mandi rates when no retail figure is near, and says so', () => {
    const mandi = [10, 11, 12].map((price, i) => quote({ source: 'agmarknet', level: 'wholesale', market: `Pune ${i} APMC`, district: 'Pune', price }));
    const { report } = priceReport(product({ price: 20, cost: 15 }), store, { quotes: mandi, today }) as { report: NonNullable<unknown> & { basis: string; market_avg: number; wholesale_avg: number } };
    expect(report.basis).toBe('wholesale_estimate');
    expect(report.wholesale_avg).toBe(11);
    // Onion: shops charge about 1.84× the mandi modal price (measured).
    expect(report.market_avg).toBeCloseTo(11 * 1.837, 1);
  });

  it('compares basmati with basmati, and common rice without it', () => {
    const rice = [
      ...[40, 42, 44].map((price, i) => quote({ commodity: 'rice', market: `R${i}`, district: 'Pune', variety: 'Common', price })),
      ...[110, 120, 130].map((price, i) => quote({ commodity: 'rice', market: `B${i}`, district: 'Pune', variety: 'Basmati', price })),
    ];
    const sona = priceReport(product({ sku: 'RICE', name: 'Sona Masoori Rice', canonical: 'rice', price: 44, cost: 38 }), store, { quotes: rice, today });
    const basmati = priceReport(product({ sku: 'BASMATI', name: 'Basmati Rice 1kg', unit: 'packet', canonical: 'rice', price: 125, cost: 105 }), store, { quotes: rice, today });
    expect(sona).toMatchObject({ report: { market_avg: 42 } });
    expect(basmati).toMatchObject({ report: { market_avg: 120, price_per_unit: 125 } });
  });

  it('says the data is stale when it is old or the last refresh failed', () => {
    const old = district.map((q) => ({ ...q, date: '2026-11-10' }));
    expect(priceReport(product(), store, { quotes: old, today })).toMatchObject({ report: { stale: true, as_of: '2026-11-10' } });
    expect(priceReport(product(), store, { quotes: district, today, stale: true })).toMatchObject({ report: { stale: true } });
  });

  it('suggests a price in the competitive band that reaches the target margin, or points at the cost', () => {
    const quotes = [95, 100, 105].map((price, i) => quote({ market: `P${i}`, district: 'Pune', price }));
    const keep = priceReport(product({ price: 100, cost: 80 }), store, { quotes, today });
    expect(keep).toMatchObject({ report: { recommendation: { action: 'keep', suggested_price: null } } });
    // Cost 85: 15 % margin needs ₹100.
    const raise = priceReport(product({ price: 92, cost: 85 }), store, { quotes, today });
    expect(raise).toMatchObject({ report: { recommendation: { action: 'raise', suggested_price: 100, margin_at_suggested: 0.15 } } });
    // Far above the market with room to spare: come down to the top of the band (₹103), no further.
    const lower = priceReport(product({ price: 130, cost: 70 }), store, { quotes, today });
    expect(lower).toMatchObject({ report: { position: 'well_above', recommendation: { action: 'lower', suggested_price: 103, vs_market_at_suggested: 0.03 } } });
    // Cost above what the market pays.
    const cost = priceReport(product({ price: 120, cost: 110 }), store, { quotes, today });
    expect(cost).toMatchObject({ report: { recommendation: { action: 'review_cost' } } });
    expect((cost as { report: { recommendation: { margin_at_suggested: number } } }).report.recommendation.margin_at_suggested).toBeLessThan(0.15);
  });

  it('flags a jump in the shop\'s own price, a margin squeezed by wholesale, and a market spike', () => {
    const quotes = [
      ...[30, 30, 30].map((price, i) => quote({ market: `P${i}`, district: 'Pune', price })),
      ...[27, 28, 29].map((price, i) => quote({ market: `W${i}`, district: 'Pune', level: 'wholesale', source: 'dca_wholesale', price })),
    ];
    const ownPrices = ['2026-11-10', '2026-11-15', '2026-11-20'].map((date) => ({ date, price: 22 }));
    const { report } = priceReport(product({ price: 30, cost: 26 }), store, {
      quotes,
      today,
      ownPrices,
      wholesaleBefore: 24,
      spikes: [{ date: '2026-11-20', change: 0.35 }],
    }) as { report: { anomalies: Array<{ kind: string; change: number }> } };
    expect(report.anomalies.map((a) => a.kind).sort()).toEqual(['margin_squeeze', 'market_spike', 'own_price_jump']);
    expect(report.anomalies.find((a) => a.kind === 'own_price_jump')!.change).toBeCloseTo(30 / 22 - 1, 2);
  });

  it('explains what it cannot compare', () => {
    expect(priceReport(product({ canonical: 'biscuits' }), store, { quotes: district, today })).toEqual({ reason: 'no_commodity' });
    expect(priceReport(product({ unit: 'packet', name: 'Onion bag' }), store, { quotes: district, today })).toEqual({ reason: 'no_pack_size', commodity: 'onion' });
  });
});
