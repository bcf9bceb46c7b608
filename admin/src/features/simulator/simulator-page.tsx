/**
 * For admins: chat as any phone, the way WhatsApp would deliver it, and see what the bot
 * answers. Messages sent from another phone start a separate chat here.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { Page } from '../../components/page';
import { WhatsAppText } from '../../components/whatsapp-text';
import { DEMO_OWNER_PHONE, PHONE_PATTERN, useSimulator } from './api';

interface Bubble {
  id: string;
  from: 'owner' | 'bot';
  text: string;
  intent?: string | undefined;
}

export function SimulatorPage() {
  const { t } = useTranslation();
  const phoneId = useId();
  const messageId = useId();
  const [phone, setPhone] = useState(DEMO_OWNER_PHONE);
  const [text, setText] = useState('');
  const [chats, setChats] = useState<Record<string, Bubble[]>>({});
  const send = useSimulator();
  const end = useRef<HTMLLIElement>(null);
  const bubbles = chats[phone] ?? [];

  // A block body on purpose: Chromium's scrollIntoView() now returns a promise, and whatever an
  // effect returns React calls as its clean-up ("destroy is not a function" on the next message).
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [bubbles.length]);

  const add = (to: string, ...more: Bubble[]) => setChats((all) => ({ ...all, [to]: [...(all[to] ?? []), ...more] }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const message = { phone: phone.trim(), text: text.trim() };
    if (!message.text) return;
    add(message.phone, { id: `${Date.now()}`, from: 'owner', text: message.text });
    setText('');
    send.mutate(message, {
      onSuccess: ({ messageId: id, replies }) =>
        add(message.phone, ...replies.map((reply, i) => ({ id: `${id}-${i}`, from: 'bot' as const, text: reply.text, intent: reply.intent }))),
    });
  };

  return (
    <Page title={t('nav.simulator')}>
      <div className="field-inline">
        <label htmlFor={phoneId}>{t('simulator.phone')}</label>
        <input id={phoneId} type="tel" value={phone} pattern={PHONE_PATTERN} onChange={(e) => setPhone(e.target.value)} />
      </div>
      <div className="phone-chat">
        <ol className="bubbles" aria-label={t('simulator.chat')} aria-live="polite">
          {bubbles.map((b) => (
            <li key={b.id} className={b.from === 'owner' ? 'bubble bubble-out' : 'bubble bubble-in'}>
              <span className="sr-only">{b.from === 'owner' ? t('simulator.you') : t('simulator.bot')}: </span>
              <WhatsAppText text={b.text} />
              {b.intent && <span className="bubble-meta"><span className="badge">{b.intent}</span></span>}
            </li>
          ))}
          {send.isPending && <li className="bubble bubble-in muted" role="status">{t('simulator.typing')}</li>}
          <li ref={end} aria-hidden="true" className="bubble-end" />
        </ol>
        {send.isError && <ErrorNote error={send.error} />}
        <form className="composer" onSubmit={submit}>
          <label htmlFor={messageId} className="sr-only">{t('simulator.message')}</label>
          <input id={messageId} value={text} maxLength={2000} autoComplete="off" placeholder={t('simulator.placeholder')} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="primary" disabled={send.isPending || !text.trim()}>
            {t('simulator.send')}
          </button>
        </form>
      </div>
    </Page>
  );
}
