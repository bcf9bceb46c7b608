/**
 * One product being edited: price, stock and the names owners use for it in chat. Only what
 * changed is sent, so a stock count typed at the shelf does not overwrite a price set elsewhere.
 * Enter saves and Escape cancels from any field (a form cannot wrap table cells).
 */
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { useUpdateProduct, type Product, type ProductChange } from './api/profile';

export function CatalogueEditRow({ storeId, product, onDone }: { storeId: string; product: Product; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateProduct(storeId);
  const [price, setPrice] = useState(String(product.price));
  const [stock, setStock] = useState(String(product.stock));
  const [aliases, setAliases] = useState(product.aliases?.join(', ') ?? '');
  const [invalid, setInvalid] = useState(false);

  const save = () => {
    const change = changesOf(product, { price, stock, aliases });
    const valid = (change.price === undefined || change.price > 0) && (change.stock === undefined || change.stock >= 0);
    setInvalid(!valid);
    if (!valid) return;
    if (!Object.keys(change).length) return onDone();
    update.mutate({ sku: product.sku, change }, { onSuccess: onDone });
  };
  const keys = (event: KeyboardEvent) => {
    if (event.key === 'Enter') save();
    if (event.key === 'Escape') onDone();
  };

  return (
    <tr className="editing" onKeyDown={keys}>
      <th scope="row">
        {product.name}
        <span className="muted small block">{product.sku}</span>
        {invalid && <p role="alert" className="bad small">{t('store.catalogue.invalid')}</p>}
        {update.isError && <ErrorNote error={update.error} />}
      </th>
      <td className="num">
        <input aria-label={t('store.catalogue.priceOf', { name: product.name })} type="number" min="0.01" step="0.01" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />
      </td>
      <td className="num">
        <input aria-label={t('store.catalogue.stockOf', { name: product.name })} type="number" min="0" step="any" inputMode="decimal" value={stock} onChange={(e) => setStock(e.target.value)} />
      </td>
      <td className="num">{t('common.days', { count: product.leadTimeDays })}</td>
      <td>
        <input aria-label={t('store.catalogue.aliasesOf', { name: product.name })} placeholder={t('store.catalogue.aliasesHint')} value={aliases} onChange={(e) => setAliases(e.target.value)} />
      </td>
      <td className="actions">
        <button type="button" className="primary" onClick={save} disabled={update.isPending}>
          {t('common.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </td>
    </tr>
  );
}

/** The fields whose typed value differs from the product's (an empty or unreadable number counts as NaN, which is invalid). */
export function changesOf(product: Product, typed: { price: string; stock: string; aliases: string }): ProductChange {
  const change: ProductChange = {};
  const price = typed.price.trim() === '' ? NaN : Number(typed.price);
  const stock = typed.stock.trim() === '' ? NaN : Number(typed.stock);
  if (price !== product.price) change.price = price;
  if (stock !== product.stock) change.stock = stock;
  const aliases = typed.aliases.split(',').map((a) => a.trim()).filter(Boolean);
  if (aliases.join('\n') !== (product.aliases ?? []).join('\n')) change.aliases = aliases;
  return change;
}
