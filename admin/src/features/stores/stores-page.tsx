/** Find a store and open it. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/page';
import { QueryView } from '../../components/query-view';
import { TableRegion } from '../../components/table-region';
import { useDebounced } from '../../lib/use-debounced';
import { useFormat } from '../../lib/use-format';
import { useStores } from './api';

export function StoresPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const searchId = useId();
  const [search, setSearch] = useState('');
  // Every request counts against the rate limit: search when typing pauses.
  const stores = useStores(useDebounced(search));

  return (
    <Page title={t('nav.stores')}>
      <div className="field-inline" role="search">
        <label htmlFor={searchId}>{t('stores.search')}</label>
        <input id={searchId} type="search" value={search} maxLength={80} onChange={(e) => setSearch(e.target.value)} placeholder={t('stores.searchHint')} />
      </div>
      <QueryView query={stores}>
        {({ items }) =>
          items.length ? (
            <TableRegion label={t('nav.stores')}>
              <table>
                <caption className="sr-only">{t('stores.caption', { count: items.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('stores.name')}</th>
                    <th scope="col">{t('stores.place')}</th>
                    <th scope="col">{t('stores.language')}</th>
                    <th scope="col">{t('stores.since')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((store) => (
                    <tr key={store.storeId}>
                      <th scope="row">
                        <Link to={`/stores/${encodeURIComponent(store.storeId)}`}>{store.name}</Link>
                        <span className="muted small block">{store.storeId}</span>
                      </th>
                      <td>{store.city}, {store.state}</td>
                      <td>{store.language}</td>
                      <td>{format.day(store.createdAt.slice(0, 10), true)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          ) : (
            <p>{t('stores.none')}</p>
          )
        }
      </QueryView>
    </Page>
  );
}
