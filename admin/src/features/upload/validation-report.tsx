/** Every problem the dry run found, by row and column, so the owner can fix the file and try again. */
import { useTranslation } from 'react-i18next';
import { TableRegion } from '../../components/table-region';
import type { RowProblem } from './api';

export function ValidationReport({ problems, total }: { problems: RowProblem[]; total: number }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <p role="alert" className="note note-error">
        {t('upload.problems', { count: total })}
      </p>
      <TableRegion label={t('upload.reportCaption')}>
        <table>
          <caption>{t('upload.reportCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">{t('upload.row')}</th>
              <th scope="col">{t('upload.column')}</th>
              <th scope="col">{t('upload.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={`${p.row}-${p.column ?? ''}-${i}`}>
                <td className="num">{p.row}</td>
                <td>{p.column ?? '–'}</td>
                <td>
                  {p.message}
                  <span className="muted small block">{p.code}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {total > problems.length && <p className="muted small">{t('upload.moreProblems', { count: total - problems.length })}</p>}
    </div>
  );
}
