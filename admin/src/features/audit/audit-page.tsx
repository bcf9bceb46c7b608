/** For admins: every language-model call, with its model, outcome, fallback, grounding, tokens and latency. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page';
import { QueryView } from '../../components/query-view';
import { TableRegion } from '../../components/table-region';
import { useFormat } from '../../lib/use-format';
import { useAuditLog, type AuditEntry } from './api';

export function AuditPage() {
  const { t } = useTranslation();
  const storeFieldId = useId();
  const [typed, setTyped] = useState('');
  const [storeId, setStoreId] = useState('');
  const log = useAuditLog(storeId);

  const filter = (event: FormEvent) => {
    event.preventDefault();
    setStoreId(typed.trim());
  };

  return (
    <Page title={t('nav.audit')}>
      <form className="field-inline" onSubmit={filter}>
        <label htmlFor={storeFieldId}>{t('audit.store')}</label>
        <input id={storeFieldId} value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="demo-kirana" />
        <button type="submit">{t('audit.filter')}</button>
      </form>
      <QueryView query={log}>
        {({ entries }) =>
          entries.length ? (
            <TableRegion label={t('nav.audit')}>
              <table>
                <caption className="sr-only">{t('audit.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.when')}</th>
                    <th scope="col">{t('audit.model')}</th>
                    <th scope="col">{t('audit.outcome')}</th>
                    <th scope="col">{t('audit.grounding')}</th>
                    <th scope="col" className="num">{t('audit.tokens')}</th>
                    <th scope="col" className="num">{t('audit.latency')}</th>
                  </tr>
                </thead>
                <tbody>{entries.map((entry) => <AuditRow key={entry.timestamp} entry={entry} />)}</tbody>
              </table>
            </TableRegion>
          ) : (
            <p>{t('audit.none')}</p>
          )
        }
      </QueryView>
    </Page>
  );
}

function AuditRow({ entry: e }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const at = e.timestamp.split('#')[0] ?? e.timestamp;
  return (
    <tr>
      <th scope="row">
        {format.dateTime(at)}
        <span className="muted small block">{e.storeId} · {e.intent} · {e.language}</span>
      </th>
      <td>{e.model}</td>
      <td>
        {e.outcome}
        {e.fallback && <span className="badge warn">{t('audit.fallback')}</span>}
        {!e.sent && <span className="muted small block">{t('audit.notSent')}</span>}
      </td>
      <td>
        {e.grounding ?? '–'}
        {e.ungrounded?.length ? <span className="bad small block">{t('audit.ungrounded', { figures: e.ungrounded.join(', ') })}</span> : null}
      </td>
      <td className="num">{format.number(e.inputTokens, 0)} / {format.number(e.outputTokens, 0)}</td>
      <td className="num">{t('audit.ms', { value: format.number(e.latencyMs, 0) })}</td>
    </tr>
  );
}
