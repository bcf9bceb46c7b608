/** What a store screen shows an admin who has not opened a store yet. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from './page';

export function PickStoreFirst({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <Page title={title}>
      <p>
        {t('stores.pickFirst')} <Link to="/stores">{t('nav.stores')}</Link>
      </p>
    </Page>
  );
}
