import { parseCasePhoto, type CasePhotoType } from './casePhoto.js';

/**
 * A case report from the field (grid staff, "in under a minute"): a position, a category and one
 * line of summary, optionally a photo. Everything else — grid, village, town, level, deadlines,
 * responsible people — is derived from the position by the server. Pure: no I/O.
 */
export interface CaseReportInput {
  lon: number;
  lat: number;
  category: string;
  summary: string;
  photo?: string;
}

export interface CaseReport {
  lon: number;
  lat: number;
  category: string;
  /** Trimmed, one line, 1–200 characters. */
  summary: string;
  photo: { bytes: Buffer; type: CasePhotoType } | null;
}

export type CaseReportProblem = 'bad_input' | 'not_an_image' | 'too_large';

export type CaseReportResult =
  { ok: true; report: CaseReport } | { ok: false; problem: CaseReportProblem; message: string };

/** Characters as PostgreSQL's length() counts them (code points, not UTF-16 units). */
export const SUMMARY_MAX_CHARACTERS = 200;

export function checkCaseReport(input: CaseReportInput): CaseReportResult {
  if (!Number.isFinite(input.lon) || input.lon < -180 || input.lon > 180) {
    return { ok: false, problem: 'bad_input', message: 'lon must be a longitude in degrees, -180 to 180' };
  }
  if (!Number.isFinite(input.lat) || input.lat < -90 || input.lat > 90) {
    return { ok: false, problem: 'bad_input', message: 'lat must be a latitude in degrees, -90 to 90' };
  }
  const summary = input.summary.trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(summary)) {
    return {
      ok: false,
      problem: 'bad_input',
      message: 'summary must be one line of text (no line breaks or control characters)',
    };
  }
  const characters = Array.from(summary).length;
  if (characters < 1) return { ok: false, problem: 'bad_input', message: 'summary must not be empty' };
  if (characters > SUMMARY_MAX_CHARACTERS) {
    return {
      ok: false,
      problem: 'bad_input',
      message: `summary has ${characters} characters; at most ${SUMMARY_MAX_CHARACTERS}`,
    };
  }
  let photo: CaseReport['photo'] = null;
  if (input.photo !== undefined) {
    const parsed = parseCasePhoto(input.photo);
    if (!parsed.ok)
      return {
        ok: false,
        problem: parsed.problem === 'malformed' ? 'bad_input' : parsed.problem,
        message: parsed.message,
      };
    photo = { bytes: parsed.bytes, type: parsed.type };
  }
  return { ok: true, report: { lon: input.lon, lat: input.lat, category: input.category, summary, photo } };
}
