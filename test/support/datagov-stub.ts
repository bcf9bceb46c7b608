/**
 * A local data.gov.in that serves the mandi resource as the real API does: the JSON envelope
 * (`status, total, count, limit, offset, records`), `limit`/`offset` paging, `filters[state]`
 * and `filters[commodity]`, an API key. It can also be down, slow or answer garbage.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubMode = 'ok' | 'down' | 'slow' | 'garbage' | 'html';

export interface DataGovStub {
  url: string;
  /** Every request's query, as received. */
  requests: URLSearchParams[];
  records: Array<Record<string, string | number>>;
  mode: StubMode;
  close(): Promise<void>;
}

export const STUB_API_KEY = 'stub-datagov-key';

export async function startDataGovStub(records: Array<Record<string, string | number>>): Promise<DataGovStub> {
  const stub: Omit<DataGovStub, 'url' | 'close'> = { requests: [], records, mode: 'ok' };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    stub.requests.push(url.searchParams);
    const send = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (stub.mode === 'down') return send(503, JSON.stringify({ status: 'error', message: 'Service Unavailable' }));
    if (stub.mode === 'garbage') return send(200, JSON.stringify({ status: 'ok', total: 'many', records: 'none' }));
    if (stub.mode === 'html') return send(200, '<html><body>Maintenance</body></html>', 'text/html');
    if (!url.pathname.startsWith('/resource/')) return send(404, JSON.stringify({ status: 'error', message: 'no such resource' }));
    if (url.searchParams.get('api-key') !== STUB_API_KEY) return send(403, JSON.stringify({ status: 'error', message: 'Invalid API key' }));
    const state = url.searchParams.get('filters[state]');
    const commodity = url.searchParams.get('filters[commodity]');
    const matching = stub.records.filter((r) => (!state || r.state === state) && (!commodity || r.commodity === commodity));
    const limit = Number(url.searchParams.get('limit') ?? 10);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const page = matching.slice(offset, offset + limit);
    const body = JSON.stringify({
      index_name: '9ef84268-d588-465a-a308-a864a43d0070',
      title: 'Current Daily Price of Various Commodities from Various Markets (Mandi)',
      status: 'ok',
      total: matching.length,
      count: page.length,
      limit: String(limit),
      offset: String(offset),
      records: page,
    });
    if (stub.mode === 'slow') setTimeout(() => send(200, body), 2000);
    else send(200, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(stub, {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
