/** The store routes of the API answering with the demo store's recorded responses. */
import { http, HttpResponse } from 'msw';
import { accuracy, forecastBatch, insights, milkForecast, priceList, profile, sales } from './fixtures/demo-store';

const API = '/api/v1';

export function demoStoreHandlers() {
  return [
    http.get(`${API}/store/profile`, () => HttpResponse.json(profile)),
    http.get(`${API}/forecast/store`, () => HttpResponse.json(forecastBatch)),
    http.get(`${API}/forecast/accuracy`, () => HttpResponse.json(accuracy)),
    http.get(`${API}/forecast/:sku`, ({ params }) =>
      params.sku === 'MILK-500' ? HttpResponse.json(milkForecast) : HttpResponse.json({ ...milkForecast, sku: params.sku }),
    ),
    http.get(`${API}/store/sales`, () => HttpResponse.json(sales)),
    http.get(`${API}/prices`, () => HttpResponse.json(priceList)),
    http.get(`${API}/insights`, () => HttpResponse.json(insights)),
  ];
}

/** A problem+json answer, as the API's one error handler writes it. */
export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return HttpResponse.json(
    { type: `https://bharatsense.in/problems/${code.toLowerCase().replace(/\./g, '-')}`, title: code, status, code, detail, ...extra },
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}
