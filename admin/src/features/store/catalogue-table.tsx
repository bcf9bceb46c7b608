/** The store's products with price, stock and lead time; each row can be edited in place. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TableRegion } from '../../components/table-region';
import { useFormat } from '../../lib/use-format';
import type { Product } from './api/profile';
import { CatalogueEditRow } from './catalogue-edit-row';

export function CatalogueTable({ storeId, products }: { storeId: string; products: Product[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState<string | null>(null);

  if (!products.length) return <p className="muted">{t('store.catalogue.empty')}</p>;
  return (
    <TableRegion label={t('store.catalogue.title')}>
      <table>
        <caption className="sr-only">{t('store.catalogue.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('store.catalogue.product')}</th>
            <th scope="col" className="num">{t('store.catalogue.price')}</th>
            <th scope="col" className="num">{t('store.catalogue.stock')}</th>
            <th scope="col" className="num">{t('store.catalogue.leadTime')}</th>
            <th scope="col">{t('store.catalogue.aliases')}</th>
            <th scope="col"><span className="sr-only">{t('common.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {products.map((product) =>
            editing === product.sku ? (
              <CatalogueEditRow key={product.sku} storeId={storeId} product={product} onDone={() => setEditing(null)} />
            ) : (
              <tr key={product.sku}>
                <th scope="row">
                  {product.name}
                  <span className="muted small block">{product.sku}</span>
                </th>
                <td className="num">{format.money(product.price)}</td>
                <td className="num">{format.quantity(product.stock, product.unit)}</td>
                <td className="num">{t('common.days', { count: product.leadTimeDays })}</td>
                <td>{product.aliases?.join(', ') ?? <span className="muted">–</span>}</td>
                <td>
                  <button type="button" onClick={() => setEditing(product.sku)} aria-label={t('store.catalogue.editNamed', { name: product.name })}>
                    {t('common.edit')}
                  </button>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </TableRegion>
  );
}
