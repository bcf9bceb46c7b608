/**
 * Sales uploads (`POST /store/data`, CSV `date,sku,qty[,price]` or JSON): first a dry run that
 * writes nothing and lists every bad row, then the real import. Sent with XMLHttpRequest
 * because fetch cannot report upload progress, which a large file needs.
 */
import { apiUrl, authHeaders } from '../../api/client';
import type { ApiError} from '../../api/problem';
import { problemFromText } from '../../api/problem';
import { endSession } from '../../api/session';

/** The dry run's answer: the file is valid; nothing was written. */
export interface SalesCheck {
  rows: number;
  skus: number;
  from: string;
  to: string;
  dryRun: true;
}

export interface SalesUploadResult {
  rows: number;
  skus: number;
  from: string;
  to: string;
  months: string[];
  added: number;
  replaced: number;
}

/** One problem in one row of the file (row 1 is the header). */
export interface RowProblem {
  row: number;
  column?: 'date' | 'sku' | 'qty' | 'price';
  code: string;
  message: string;
}

interface UploadOptions {
  storeId: string;
  /** Fraction of the file sent so far, 0 to 1. */
  onProgress?: (sent: number) => void;
}

export function checkSales(file: File, options: UploadOptions): Promise<SalesCheck> {
  return send<SalesCheck>(file, true, options);
}

export function importSales(file: File, options: UploadOptions): Promise<SalesUploadResult> {
  return send<SalesUploadResult>(file, false, options);
}

function send<T>(file: File, dryRun: boolean, { storeId, onProgress }: UploadOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', apiUrl('/store/data', dryRun ? { dryRun: 'true' } : {}));
    for (const [name, value] of Object.entries(authHeaders(storeId))) request.setRequestHeader(name, value);
    request.setRequestHeader('Content-Type', contentTypeOf(file));
    request.setRequestHeader('Accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) return resolve(JSON.parse(request.responseText) as T);
      if (request.status === 401) endSession();
      reject(problemFromText(request.status, request.responseText));
    };
    // As fetch does when the server cannot be reached.
    request.onerror = () => reject(new TypeError('network error'));
    request.send(file);
  });
}

/** The server reads CSV or JSON by Content-Type; a browser may call a .csv file anything. */
export function contentTypeOf(file: File): string {
  return file.name.toLowerCase().endsWith('.json') || file.type === 'application/json' ? 'application/json' : 'text/csv';
}

/** The rows a 422 `INGEST.INVALID_ROWS` lists (the API puts them in `errors`), and how many there are in all. */
export function rowProblemsOf(error: ApiError): { problems: RowProblem[]; total: number } | undefined {
  if (error.code !== 'INGEST.INVALID_ROWS') return undefined;
  const listed = (error.problem?.errors ?? error.problem?.metadata?.errors ?? []) as RowProblem[];
  const total = Number(error.problem?.metadata?.errorCount ?? listed.length);
  return { problems: listed, total };
}
