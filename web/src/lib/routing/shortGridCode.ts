/**
 * A prefecture or county as its 6-digit GB/T 2260 code (`620700000000` → `620700`), the form the
 * map's addresses use; any other code unchanged. The API
 * reads both forms (server/src/domain/gridCode.ts), so this only keeps the URLs short and stable.
 */
export function shortGridCode(code: string): string {
  return /^[0-9]{6}000000$/.test(code) ? code.slice(0, 6) : code;
}
