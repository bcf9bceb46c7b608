/** For admins: what the workers are doing, what failed and why, and running a failed job again. */
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { Page, Section } from '../../components/page';
import { QueryView } from '../../components/query-view';
import { TableRegion } from '../../components/table-region';
import { useFormat } from '../../lib/use-format';
import { useFailedJobs, useQueues, useRetryJob } from './api';
import { QueueTable } from './queue-table';

export function JobsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queues = useQueues();
  const failed = useFailedJobs();
  const retry = useRetryJob();

  return (
    <Page title={t('nav.jobs')}>
      <Section id="queues" title={t('jobs.queues')}>
        <QueryView query={queues}>{({ queues: list }) => <QueueTable queues={list} />}</QueryView>
      </Section>
      <Section id="failed" title={t('jobs.failed')}>
        {retry.isError && <ErrorNote error={retry.error} />}
        {retry.isSuccess && <p role="status">{t('jobs.retried', { id: retry.data.jobId })}</p>}
        <QueryView query={failed}>
          {({ jobs }) =>
            jobs.length ? (
              <TableRegion label={t('jobs.failed')}>
                <table>
                  <caption className="sr-only">{t('jobs.failedCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('jobs.job')}</th>
                      <th scope="col">{t('jobs.error')}</th>
                      <th scope="col" className="num">{t('jobs.attempts')}</th>
                      <th scope="col">{t('jobs.failedAt')}</th>
                      <th scope="col"><span className="sr-only">{t('common.actions')}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {jobs.map((job) => (
                      <tr key={`${job.queue}/${job.id}`}>
                        <th scope="row">
                          {job.queue} · {job.name}
                          <span className="muted small block">{job.id}</span>
                        </th>
                        <td className="wrap">{job.error}</td>
                        <td className="num">{job.attempts}</td>
                        <td>{format.dateTime(job.failedAt)}</td>
                        <td>
                          <button type="button" disabled={retry.isPending} onClick={() => retry.mutate(job)} aria-label={t('jobs.retryNamed', { id: job.id })}>
                            {t('jobs.retry')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            ) : (
              <p>{t('jobs.noneFailed')}</p>
            )
          }
        </QueryView>
      </Section>
    </Page>
  );
}
