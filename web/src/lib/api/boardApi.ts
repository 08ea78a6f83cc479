import type { BoardJob } from '@contract/boards.js';
import { getJson } from './getJson.js';
import { sendJson } from './sendJson.js';

export type { BoardJob };

const path = (code: string) => encodeURIComponent(code);

/** Notice boards (一格一图): a group's PDF straight away, a village's or town's as a job with progress. */
export const boardApi = {
  pdfUrl: (code: string) => `/api/grids/${path(code)}/board.pdf`,
  start: (code: string) => sendJson<BoardJob>('POST', `/api/grids/${path(code)}/boards`),
  job: (id: string, signal?: AbortSignal) =>
    getJson<BoardJob>(`/api/board-jobs/${encodeURIComponent(id)}`, signal ? { signal } : {}),
};
