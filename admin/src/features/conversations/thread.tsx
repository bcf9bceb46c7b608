/** One conversation, oldest message first like a phone shows it, with intent and delivery of each. */
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../components/query-view';
import { WhatsAppText } from '../../components/whatsapp-text';
import { useFormat } from '../../lib/use-format';
import { useThread } from './api';
import { StatusTick } from './status-tick';

export function Thread({ storeId, conversationId }: { storeId: string; conversationId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const thread = useThread(storeId, conversationId);
  return (
    <QueryView query={thread}>
      {({ conversation, items }) => (
        <section aria-labelledby="thread-title" className="thread">
          <h2 id="thread-title">
            {conversation.address} <span className="muted small">· {conversation.language}</span>
          </h2>
          {conversation.optedOutAt && <p className="note">{t('conversations.optedOut', { when: format.dateTime(conversation.optedOutAt) })}</p>}
          <ol className="bubbles" aria-label={t('conversations.messages')}>
            {[...items].reverse().map((m) => (
              <li key={m.messageId} className={m.direction === 'in' ? 'bubble bubble-in' : 'bubble bubble-out'}>
                <span className="sr-only">{m.direction === 'in' ? t('conversations.fromOwner') : t('conversations.fromBot')}: </span>
                <WhatsAppText text={m.text} />
                <span className="bubble-meta">
                  {m.intent && <span className="badge">{m.intent}</span>}
                  <time dateTime={m.createdAt}>{format.dateTime(m.createdAt)}</time>
                  {m.direction === 'out' && <StatusTick message={m} />}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </QueryView>
  );
}
