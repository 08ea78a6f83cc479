import { csrfToken } from './csrfToken.js';
import type { Crs, ImportResult } from './plansTypes.js';

export type ImportOutcome =
  | { ok: true; result: ImportResult }
  /** The server refused the file (400/413/422): `message` says what and where. */
  | { ok: false; status: number; message: string; rejected: ImportResult['rejected'] }
  | { ok: false; status: 0; message: string; rejected: [] };

/**
 * POSTs a GeoJSON file as `/api/plans/import` JSON. XMLHttpRequest rather than fetch (and so not
 * sendJson) because only it reports upload progress; it sends the same CSRF header sendJson does.
 * `onProgress` gets 0–1.
 */
export function uploadPlanImport(
  body: { scope: string; name: string; crs: Crs; geojson: unknown },
  onProgress: (fraction: number) => void,
): Promise<ImportOutcome> {
  const text = JSON.stringify(body);
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/plans/import');
    request.withCredentials = true;
    request.setRequestHeader('content-type', 'application/json');
    request.setRequestHeader('accept', 'application/json');
    const token = csrfToken();
    if (token) request.setRequestHeader('x-csrf-token', token);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const reply = parse(request.responseText) as Partial<ImportResult> & { message?: string } & Record<
          string,
          unknown
        >;
      if (request.status === 201 && reply && (typeof reply.id === 'string' || typeof reply.id === 'number')) {
        onProgress(1);
        resolve({ ok: true, result: reply as ImportResult });
        return;
      }
      resolve({
        ok: false,
        status: request.status,
        message: reply?.message ?? request.statusText,
        rejected: Array.isArray(reply?.rejected) ? reply.rejected : [],
      });
    };
    request.onerror = () => resolve({ ok: false, status: 0, message: 'network', rejected: [] });
    request.send(text);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
