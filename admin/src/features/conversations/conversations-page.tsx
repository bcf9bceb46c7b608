/** The store's conversations with the bot; choosing one shows its messages beside (or below) the list. */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Page } from '../../components/page';
import { PickStoreFirst } from '../../components/pick-store-first';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/query-view';
import { useFormat } from '../../lib/use-format';
import { useStoreScope } from '../../layout/store-scope';
import { useConversations } from './api';
import { FailedMessages } from './failed-messages';
import { Thread } from './thread';

export function ConversationsPage() {
  const { t } = useTranslation();
  const storeId = useStoreScope();
  if (!storeId) return <PickStoreFirst title={t('nav.conversations')} />;
  return <Conversations storeId={storeId} />;
}

function Conversations({ storeId }: { storeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { conversationId } = useParams();
  const list = useConversations(storeId);
  const conversations = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Page title={t('nav.conversations')}>
      <div className="split">
        <nav aria-label={t('conversations.list')} className="conversation-list">
          {list.isPending && <Loading />}
          {list.isError && <ErrorNote error={list.error} />}
          {list.isSuccess && !conversations.length && <p>{t('conversations.none')}</p>}
          <ul className="plain">
            {conversations.map((c) => (
              <li key={c.conversationId}>
                <Link to={`/conversations/${encodeURIComponent(c.conversationId)}`} aria-current={c.conversationId === conversationId ? 'page' : undefined} className="conversation-link">
                  <span>{c.address}</span>
                  <span className="muted small">
                    {c.channel} · {c.language} · {format.dateTime(c.lastInboundAt ?? c.createdAt)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          {list.hasNextPage && (
            <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {t('common.more')}
            </button>
          )}
        </nav>
        {conversationId ? (
          <Thread storeId={storeId} conversationId={conversationId} />
        ) : (
          <div className="stack">
            <p className="muted">{t('conversations.choose')}</p>
            <FailedMessages storeId={storeId} />
          </div>
        )}
      </div>
    </Page>
  );
}
