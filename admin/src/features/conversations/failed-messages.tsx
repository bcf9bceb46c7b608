/** Replies that never reached the owner, newest first, each with Twilio's reason and a way into its thread. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryView } from '../../components/query-view';
import { useFormat } from '../../lib/use-format';
import { useFailedMessages } from './api';
import { StatusTick } from './status-tick';

export function FailedMessages({ storeId }: { storeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const failed = useFailedMessages(storeId);
  return (
    <section aria-labelledby="failed-title">
      <h2 id="failed-title">{t('conversations.failed')}</h2>
      <QueryView query={failed}>
        {({ items }) =>
          items.length ? (
            <ul className="plain">
              {items.map((m) => (
                <li key={m.messageId} className="card">
                  <Link to={`/conversations/${encodeURIComponent(m.conversationId)}`}>{format.dateTime(m.createdAt)}</Link> <StatusTick message={m} />
                  <p className="small">{m.text.length > 120 ? `${m.text.slice(0, 120)}…` : m.text}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">{t('conversations.noneFailed')}</p>
          )
        }
      </QueryView>
    </section>
  );
}
