import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { problem } from '../../test/demo-store-api';
import { ownerLogin } from '../../test/fixtures/sessions';
import { renderApp } from '../../test/render-app';
import { server } from '../../test/server';

const csv = (...rows: string[]) => new File([['date,sku,qty,price', ...rows].join('\n')], 'sales.csv', { type: 'text/csv' });

/** Records each upload: whether it was a dry run, its type and its body. */
function recordUploads(answer: (dryRun: boolean) => Response) {
  const uploads: { dryRun: boolean; type: string | null; body: string }[] = [];
  server.use(
    http.post('/api/v1/store/data', async ({ request }) => {
      const dryRun = new URL(request.url).searchParams.get('dryRun') === 'true';
      uploads.push({ dryRun, type: request.headers.get('Content-Type'), body: await request.text() });
      return answer(dryRun);
    }),
  );
  return uploads;
}

describe('sales upload', () => {
  it('lists every bad row of a dry run and offers no import', async () => {
    // As the API answers: the rows in `errors`, their count in `metadata`.
    const uploads = recordUploads(() =>
      problem(422, 'INGEST.INVALID_ROWS', '2 row(s) have problems; nothing was imported.', {
        errors: [
          { row: 3, code: 'UNKNOWN_SKU', message: 'SKU "NOPE" is not in the catalogue; add the product first.', column: 'sku' },
          { row: 4, code: 'NEGATIVE_QTY', message: 'Quantity -4 is negative; record returns separately.', column: 'qty' },
        ],
        metadata: { errorCount: 2 },
      }),
    );
    const { user } = renderApp('/upload', ownerLogin());

    await user.upload(await screen.findByLabelText('or choose a file'), csv('2026-11-20,MILK-500,40,28', '2026-11-20,NOPE,1,', '2026-11-21,SUGAR,-4,46'));

    const report = await screen.findByRole('table', { name: 'Problems in the file' });
    const rows = within(report).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('td')].slice(0, 2).map((cell) => cell.textContent))).toEqual([
      ['3', 'sku'],
      ['4', 'qty'],
    ]);
    expect(rows[0]).toHaveTextContent('SKU "NOPE" is not in the catalogue');
    expect(screen.getByRole('alert')).toHaveTextContent('2 problems found');
    expect(screen.queryByRole('button', { name: /Import/ })).not.toBeInTheDocument();
    expect(uploads).toEqual([{ dryRun: true, type: 'text/csv', body: expect.stringContaining('2026-11-20,NOPE,1,') }]);
  });

  it('imports a clean file only after the owner confirms', async () => {
    const uploads = recordUploads((dryRun) =>
      dryRun
        ? HttpResponse.json({ rows: 2, skus: 1, from: '2026-11-20', to: '2026-11-21', dryRun: true })
        : HttpResponse.json({ rows: 2, skus: 1, from: '2026-11-20', to: '2026-11-21', months: ['2026-11'], added: 1, replaced: 1 }, { status: 201 }),
    );
    const { user } = renderApp('/upload', ownerLogin());

    await user.upload(await screen.findByLabelText('or choose a file'), csv('2026-11-20,MILK-500,40,28', '2026-11-21,MILK-500,38,28'));
    const confirm = await screen.findByRole('button', { name: 'Import 2 rows' });
    expect(uploads.map((u) => u.dryRun)).toEqual([true]);

    await user.click(confirm);

    expect(await screen.findByText(/Imported 2 rows \(1 new, 1 replaced\)/)).toBeInTheDocument();
    expect(uploads.map((u) => u.dryRun)).toEqual([true, false]);
  });
});
