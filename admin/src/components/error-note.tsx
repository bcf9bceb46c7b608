/** What went wrong, in words a person can act on: the API's detail, or why we could not ask. */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';

export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="note note-error">
      <p>{messageOf(error, t)}</p>
      {error instanceof ApiError && <p className="muted small">{t('error.code', { code: error.code })}</p>}
    </div>
  );
}

export function messageOf(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return t('error.rateLimited', { seconds: error.retryAfterSeconds ?? 60 });
    if (error.status >= 500 && !error.problem) return t('error.server');
    return error.message;
  }
  // fetch rejects with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError) return t('error.network');
  return t('error.unknown');
}
