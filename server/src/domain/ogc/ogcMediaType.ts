/**
 * Which representation of an OGC API resource a request gets (Part 1 §7.8, /req/html and
 * /req/geojson): the `f` parameter when given, else the Accept header — HTML when it prefers
 * text/html to JSON (a browser), JSON otherwise (GDAL, QGIS, curl, no header). Pure: no I/O.
 */
export type OgcFormat = 'json' | 'html';

const jsonTypes = ['application/json', 'application/geo+json', 'application/vnd.oai.openapi+json'];

export function ogcFormatOf(f: OgcFormat | undefined, accept: string | undefined): OgcFormat {
  if (f) return f;
  if (!accept) return 'json';
  let html = 0;
  let json = 0;
  for (const entry of accept.split(',')) {
    const [type = '', ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase());
    const qParameter = parameters.find((p) => p.startsWith('q='));
    const q = qParameter ? Number(qParameter.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    if (type === 'text/html') html = Math.max(html, q);
    else if (jsonTypes.includes(type) || type === 'application/*' || type === '*/*') json = Math.max(json, q);
  }
  return html > json ? 'html' : 'json';
}
