/**
 * A reply's delivery as WhatsApp shows it: a clock while queued, ✓ sent, ✓✓ delivered, blue ✓✓
 * read, and a warning with the Twilio error code when it failed. Each mark also says its
 * status in words for screen readers.
 */
import { useTranslation } from 'react-i18next';
import type { ConversationMessage } from './api';

const MARKS: Partial<Record<ConversationMessage['status'], string>> = {
  queued: '🕓',
  sending: '🕓',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '⚠',
  undelivered: '⚠',
  suppressed: '⊘',
};

export function StatusTick({ message }: { message: Pick<ConversationMessage, 'status' | 'errorCode'> }) {
  const { t } = useTranslation();
  const words = t(`conversations.status.${message.status}`);
  const failed = message.status === 'failed' || message.status === 'undelivered';
  return (
    <span className={`tick tick-${message.status}`}>
      <span aria-hidden="true">{MARKS[message.status] ?? ''}</span>
      <span className={failed ? '' : 'sr-only'}> {words}</span>
      {message.errorCode && <span className="error-code"> {t('conversations.errorCode', { code: message.errorCode })}</span>}
    </span>
  );
}
