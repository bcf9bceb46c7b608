/** How much of the file has gone up, as a bar and in words. */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/use-format';

export function UploadProgress({ label, sent }: { label: string; sent: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="stack" role="status">
      <label>
        {label}
        <progress value={sent} max={1} className="block" />
      </label>
      <span className="muted small">{sent < 1 ? format.percent(sent, 0) : t('upload.waiting')}</span>
    </div>
  );
}
