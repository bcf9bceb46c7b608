/**
 * Sales upload in two steps: the file is checked first (nothing written) and every bad row is
 * listed; only a clean file can then be imported, after the owner confirms.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { ErrorNote } from '../../components/error-note';
import { Page } from '../../components/page';
import { PickStoreFirst } from '../../components/pick-store-first';
import { useFormat } from '../../lib/use-format';
import { useStoreScope } from '../../layout/store-scope';
import { checkSales, importSales, rowProblemsOf, type SalesCheck, type SalesUploadResult } from './api';
import { DropZone } from './drop-zone';
import { UploadProgress } from './upload-progress';
import { ValidationReport } from './validation-report';

type Step =
  | { name: 'choose' }
  | { name: 'checking' | 'importing'; file: File; sent: number }
  | { name: 'checked'; file: File; check: SalesCheck }
  | { name: 'imported'; result: SalesUploadResult }
  | { name: 'failed'; error: unknown };

export function UploadPage() {
  const { t } = useTranslation();
  const storeId = useStoreScope();
  if (!storeId) return <PickStoreFirst title={t('nav.upload')} />;
  return <Upload storeId={storeId} />;
}

function Upload({ storeId }: { storeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ name: 'choose' });

  const check = (file: File) => {
    setStep({ name: 'checking', file, sent: 0 });
    checkSales(file, { storeId, onProgress: (sent) => setStep({ name: 'checking', file, sent }) }).then(
      (result) => setStep({ name: 'checked', file, check: result }),
      (error: unknown) => setStep({ name: 'failed', error }),
    );
  };

  const confirm = (file: File) => {
    setStep({ name: 'importing', file, sent: 0 });
    importSales(file, { storeId, onProgress: (sent) => setStep({ name: 'importing', file, sent }) }).then(
      (result) => {
        setStep({ name: 'imported', result });
        // New sales move the charts, forecasts and advice.
        void queryClient.invalidateQueries({ queryKey: ['store', storeId] });
      },
      (error: unknown) => setStep({ name: 'failed', error }),
    );
  };

  const busy = step.name === 'checking' || step.name === 'importing';
  const rows = step.name === 'failed' && step.error instanceof ApiError ? rowProblemsOf(step.error) : undefined;

  return (
    <Page title={t('nav.upload')}>
      <p>{t('upload.intro')}</p>
      <DropZone onFile={check} disabled={busy} />
      {busy && <UploadProgress label={t(step.name === 'checking' ? 'upload.checking' : 'upload.importing', { name: step.file.name })} sent={step.sent} />}
      {step.name === 'checked' && (
        <div className="note stack">
          <p role="status">
            {t('upload.valid', { name: step.file.name, rows: step.check.rows, skus: step.check.skus, from: format.day(step.check.from, true), to: format.day(step.check.to, true) })}
          </p>
          <p>{t('upload.nothingWritten')}</p>
          <div>
            <button type="button" className="primary" onClick={() => confirm(step.file)}>
              {t('upload.import', { count: step.check.rows })}
            </button>
          </div>
        </div>
      )}
      {step.name === 'imported' && (
        <p role="status" className="note note-ok">
          {t('upload.imported', { rows: step.result.rows, added: step.result.added, replaced: step.result.replaced, from: format.day(step.result.from, true), to: format.day(step.result.to, true) })}
        </p>
      )}
      {step.name === 'failed' && (rows ? <ValidationReport problems={rows.problems} total={rows.total} /> : <ErrorNote error={step.error} />)}
    </Page>
  );
}
