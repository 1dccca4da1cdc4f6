// Imports: the FINESS extract (streamed, with progress) and a sheet of allocations. The FINESS
// upload goes through XHR because fetch reports no upload progress.
import type { Problem } from '../../server/contract/plan.js';
import { t } from '../i18n/imports.js';
import { ApiError, send, sessionEvents } from './client.js';

export type { AllocationImportReport, FinessReport, FinessRow, ImportRefusal } from '../../server/contract/imports.js';
import type { AllocationImportReport, FinessReport, ImportRefusal } from '../../server/contract/imports.js';

/** Bytes sent by the browser, and lines and bytes the server has read so far. */
export interface FinessProgress {
  sentBytes: number;
  totalBytes: number;
  lines: number;
  readBytes: number;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sheetType = (file: File) => (file.type === XLSX_TYPE || /\.xlsx$/i.test(file.name) ? XLSX_TYPE : 'text/csv');

/** Dry run (200) or apply (201). An apply with any bad line is a 422 whose `errors` are
 *  `{ path: "ligne N", message }`, and nothing is written. `previewOffset`: which page of the
 *  changed rows the report lists (the file is sent again for each page). */
export const importAllocations = async (
  file: File,
  dryRun: boolean,
  previewOffset = 0,
): Promise<AllocationImportReport> => {
  const q = new URLSearchParams();
  if (dryRun) q.set('dryRun', '1');
  if (previewOffset) q.set('previewOffset', String(previewOffset));
  const qs = q.toString();
  return (
    await send<AllocationImportReport>('POST', `/api/import/allocations${qs ? `?${qs}` : ''}`, file, {
      'Content-Type': sheetType(file),
    })
  ).data;
};

/** The allocation sheet's template, with the headers the import reads. */
export const ALLOCATION_TEMPLATE = {
  csv: '/api/import/allocations/template.csv',
  xlsx: '/api/import/allocations/template.xlsx',
} as const;
/** The allocations page on an envelope (its own URL filter, `envelope`). */
export const allocationsPageOn = (envelopeId: string) => `/allocations?envelope=${encodeURIComponent(envelopeId)}`;

/** The refusals of a 422 apply, back in the shape of a dry run's list. */
export const refusalsOf = (e: ApiError): ImportRefusal[] =>
  (e.problem.errors ?? []).map((x) => {
    const [, finess = '', reason = x.message] = /^(?:([0-9AB]{9}) : )?(.*)$/s.exec(x.message) ?? [];
    return { line: Number(/\d+/.exec(x.path)?.[0] ?? 0), finess, reason };
  });

const problemOf = (status: number, text: string): Problem => {
  try {
    const p = JSON.parse(text) as Problem;
    if (p && typeof p === 'object' && p.title) return { ...p, status };
  } catch {
    /* not JSON: a proxy's page */
  }
  return { status, title: t.errors.generic };
};

/** Sends the raw file; the server answers NDJSON: progress lines, then a result or an error. */
export const importFiness = (
  file: File,
  dryRun: boolean,
  onProgress: (p: FinessProgress) => void,
  signal?: AbortSignal,
): Promise<FinessReport> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const p: FinessProgress = { sentBytes: 0, totalBytes: file.size, lines: 0, readBytes: 0 };
    let seen = 0,
      result: FinessReport | undefined,
      failure: ApiError | undefined;
    const readLines = () => {
      const text = xhr.responseText;
      for (let nl = text.indexOf('\n', seen); nl >= 0; nl = text.indexOf('\n', seen)) {
        const line = text.slice(seen, nl).trim();
        seen = nl + 1;
        if (!line) continue;
        const msg = JSON.parse(line) as { type: string } & Record<string, unknown>;
        if (msg.type === 'progress') {
          Object.assign(p, { lines: msg.lines as number, readBytes: msg.bytes as number });
          onProgress({ ...p });
        } else if (msg.type === 'result') {
          const { type: _, ...report } = msg;
          result = report as unknown as FinessReport;
        } else if (msg.type === 'error') {
          const { type: _, ...problem } = msg;
          failure = new ApiError(Number(problem.status) || 500, problem as unknown as Problem);
        }
      }
    };
    xhr.open('POST', `/api/import/finess?progress=1${dryRun ? '&dryRun=1' : ''}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/x-ndjson');
    xhr.upload.onprogress = (e) => {
      p.sentBytes = e.loaded;
      onProgress({ ...p });
    };
    xhr.onprogress = () => {
      if (xhr.status === 200) readLines();
    };
    xhr.onload = () => {
      if (xhr.status !== 200) {
        if (xhr.status === 401) sessionEvents.dispatchEvent(new Event('expired'));
        reject(new ApiError(xhr.status, problemOf(xhr.status, xhr.responseText)));
        return;
      }
      readLines();
      if (failure) return reject(failure);
      if (!result) return reject(new ApiError(500, { status: 500, title: t.errors.generic }));
      resolve(result);
    };
    xhr.onerror = () => reject(new ApiError(0, { status: 0, title: t.errors.network, detail: t.errors.networkDetail }));
    xhr.onabort = () => reject(new DOMException(t.imports.interrupted, 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
