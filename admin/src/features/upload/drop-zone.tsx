/** Drop a sales file here, or choose one: the file input works with a keyboard and a screen reader. */
import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';

export function DropZone({ onFile, disabled }: { onFile: (file: File) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [over, setOver] = useState(false);

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };

  return (
    <div
      className={over ? 'drop-zone over' : 'drop-zone'}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <p>{t('upload.drop')}</p>
      <label htmlFor={inputId}>{t('upload.choose')}</label>
      <input
        id={inputId}
        type="file"
        accept=".csv,text/csv,.json,application/json"
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          // Choosing the same file again after fixing it should start a new check.
          event.target.value = '';
        }}
      />
      <p className="muted small">{t('upload.format')}</p>
    </div>
  );
}
