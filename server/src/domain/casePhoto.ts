/**
 * The optional photo of a case report: a base64 `data:` URL of a JPEG, PNG or WebP image. The
 * type is taken from the image's own magic bytes, never from the declared type alone, so a renamed
 * file (or a script declared as `image/png`) is refused. Pure: no I/O.
 */
export const MAX_CASE_PHOTO_BYTES = 2 * 1024 * 1024;

export type CasePhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

export type CasePhotoResult =
  | { ok: true; bytes: Buffer; type: CasePhotoType }
  | { ok: false; problem: 'malformed' | 'not_an_image' | 'too_large'; message: string };

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DECLARED: ReadonlySet<string> = new Set(['image/jpeg', 'image/jpg', 'image/png', 'image/webp']);

export function parseCasePhoto(dataUrl: string): CasePhotoResult {
  const match = DATA_URL.exec(dataUrl);
  if (!match) return { ok: false, problem: 'malformed', message: 'photo must be a data URL: data:image/jpeg;base64,…' };
  const declared = match[1]!.trim().toLowerCase();
  const parameters = match[2]!
    .toLowerCase()
    .split(';')
    .map((part) => part.trim());
  if (!parameters.includes('base64'))
    return { ok: false, problem: 'malformed', message: 'photo data URL must be base64-encoded (;base64,)' };
  const text = match[3]!.replace(/\s+/g, '');
  if (!BASE64.test(text) || text.length % 4 === 1) {
    return { ok: false, problem: 'malformed', message: 'photo data URL has characters that are not base64' };
  }
  // Checked before decoding so that a huge upload is not copied again just to be refused.
  const decodedLength = Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  if (decodedLength > MAX_CASE_PHOTO_BYTES) {
    return {
      ok: false,
      problem: 'too_large',
      message: `photo is ${decodedLength} bytes; the limit is ${MAX_CASE_PHOTO_BYTES} bytes (2 MiB)`,
    };
  }
  if (declared && !DECLARED.has(declared)) {
    return {
      ok: false,
      problem: 'not_an_image',
      message: `photo type ${declared} is not accepted; send a JPEG, PNG or WebP image`,
    };
  }
  const bytes = Buffer.from(text, 'base64');
  const sniffed = sniffImageType(bytes);
  if (!sniffed)
    return { ok: false, problem: 'not_an_image', message: 'photo content is not a JPEG, PNG or WebP image' };
  const declaredType = declared === 'image/jpg' ? 'image/jpeg' : declared;
  if (declaredType && declaredType !== sniffed) {
    return {
      ok: false,
      problem: 'not_an_image',
      message: `photo is declared ${declared} but its content is ${sniffed}`,
    };
  }
  return { ok: true, bytes, type: sniffed };
}

/** The image type from the file signature (JPEG SOI, PNG signature, RIFF…WEBP), or null. */
export function sniffImageType(bytes: Uint8Array): CasePhotoType | null {
  const starts = (signature: readonly number[], at = 0) =>
    bytes.length >= at + signature.length && signature.every((byte, index) => bytes[at + index] === byte);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}
