/** For admins: how the service is doing today, its queues and models, and forecast accuracy by store. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page, Section } from '../../components/page';
import { QueryView } from '../../components/query-view';
import { TableRegion } from '../../components/table-region';
import { useFormat } from '../../lib/use-format';
import { useOverview } from './api';
import { QueueTable } from '../jobs/queue-table';

export function OverviewPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const overview = useOverview();
  const ratio = (value: number | null, digits = 2) => (value == null ? '–' : format.number(value, digits));

  return (
    <Page title={t('nav.overview')}>
      <QueryView query={overview}>
        {(o) => (
          <>
            <dl className="stats">
              <Stat label={t('overview.messagesToday')} value={format.number(o.messagesToday, 0)} />
              <Stat label={t('overview.activeStores')} value={format.number(o.activeStores, 0)} />
              <Stat label={t('overview.replyP95')} value={o.replyP95Ms == null ? '–' : t('overview.seconds', { value: format.number(o.replyP95Ms / 1000, 1) })} />
              <Stat label={t('overview.errorRate')} value={format.percent(o.errorRate)} />
              <Stat label={t('overview.failedJobs')} value={format.number(o.failedJobs, 0)} />
              <Stat label={t('overview.llmCalls')} value={format.number(o.llm.calls, 0)} />
              <Stat label={t('overview.fallbacks')} value={format.number(o.llm.fallbacks, 0)} />
              <Stat label={t('overview.ungrounded')} value={format.number(o.llm.ungrounded, 0)} />
              <Stat label={t('overview.templateReplies')} value={format.number(o.llm.templateReplies, 0)} />
            </dl>
            <Section id="queues" title={t('jobs.queues')}>
              <QueueTable queues={o.queues} />
              <p><Link to="/jobs">{t('overview.seeJobs')}</Link></p>
            </Section>
            <Section id="accuracy" title={t('overview.accuracy')}>
              <TableRegion label={t('overview.accuracy')}>
                <table>
                  <caption className="sr-only">{t('overview.accuracyCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('stores.name')}</th>
                      <th scope="col" className="num">MASE</th>
                      <th scope="col" className="num">{t('store.accuracy.coverage80')}</th>
                      <th scope="col" className="num">{t('store.accuracy.days')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.accuracy.map((a) => (
                      <tr key={a.storeId}>
                        <th scope="row"><Link to={`/stores/${encodeURIComponent(a.storeId)}`}>{a.name}</Link></th>
                        <td className="num">{ratio(a.mase)}</td>
                        <td className="num">{a.coverage80 == null ? '–' : format.percent(a.coverage80, 0)}</td>
                        <td className="num">{a.days}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            </Section>
          </>
        )}
      </QueryView>
    </Page>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
