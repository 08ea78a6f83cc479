/**
 * The text fields of a multipart/form-data body (RFC 7578), files included as text: enough for
 * the plan import's form (scope, name, crs, one GeoJSON file) without a multipart dependency.
 */
export function multipartFields(contentType: string, body: Buffer): Record<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) throw new Error('no boundary in the content type');
  const fields: Record<string, string> = {};
  const delimiter = Buffer.from(`--${marker}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(start + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      // The part's content ends before the CRLF that precedes the next delimiter.
      const content = part.subarray(headerEnd + 4, part.length - 2).toString('utf8');
      if (name) fields[name] = content;
    }
    start = next;
  }
  return fields;
}
