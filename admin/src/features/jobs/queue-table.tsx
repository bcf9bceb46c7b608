/** Jobs per queue and state; a failed count above zero stands out. */
import { useTranslation } from 'react-i18next';
import { TableRegion } from '../../components/table-region';
import { useFormat } from '../../lib/use-format';
import type { QueueCounts } from './api';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

export function QueueTable({ queues }: { queues: QueueCounts[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <TableRegion label={t('jobs.queues')}>
      <table>
        <caption className="sr-only">{t('jobs.queuesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('jobs.queue')}</th>
            {STATES.map((state) => (
              <th key={state} scope="col" className="num">{t(`jobs.states.${state}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => (
            <tr key={q.queue}>
              <th scope="row">{q.queue}</th>
              {STATES.map((state) => (
                <td key={state} className={state === 'failed' && q.failed > 0 ? 'num bad strong' : 'num'}>{format.number(q[state], 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
