/**
 * The pure parts of idempotent writes (draft-ietf-httpapi-idempotency-key-header): what key a header
 * names, and the canonical text of a request body whose hash tells a retry from a different request.
 */

/** The key a valid header value names (the schema has checked its characters and length). */
export function idempotencyKeyOf(header: string): { ok: true; key: string } | { ok: false; message: string } {
  const quoted = header.length >= 2 && header.startsWith('"') && header.endsWith('"');
  const key = quoted ? header.slice(1, -1).replace(/\\(["\\])/g, '$1') : header;
  if (key.trim() === '') return { ok: false, message: 'header "idempotency-key" names no key (it is blank)' };
  return { ok: true, key };
}

/**
 * JSON with every object's keys sorted, so `{a, b}` and `{b, a}` are one request body: clients
 * (and their JSON libraries) do not promise an order.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
