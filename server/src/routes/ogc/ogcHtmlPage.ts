import type { OgcLink } from '../../domain/ogc/ogcLinks.js';

/**
 * The HTML representation of every OGC API resource (/req/html/content): a plain page a person
 * can read in a browser — title, description, tables and links — with nothing fetched from
 * elsewhere (no CSS or script files: the pages must work on an intranet and under the CSP).
 */
export interface HtmlTable {
  heading: string;
  columns: string[];
  rows: string[][];
}

export interface HtmlPage {
  title: string;
  description?: string;
  tables?: HtmlTable[];
  links: OgcLink[];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A cell's text: JSON values as written (null empty). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function table(t: HtmlTable): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = t.rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<h2>${escapeHtml(t.heading)}</h2>\n<table border="1" cellpadding="4">\n<tr>${head}</tr>\n${body}\n</table>`;
}

/** A link as an anchor; `text` defaults to the link's title or relation. */
export function anchor(href: string, text: string): string {
  return `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}

export function htmlPage(page: HtmlPage): string {
  const links = page.links
    .map(
      (l) =>
        `<li>${anchor(l.href, l.title ?? l.rel)} <small>(${escapeHtml(l.rel)}, ${escapeHtml(l.type)})</small></li>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title></head>
<body>
<h1>${escapeHtml(page.title)}</h1>
${page.description ? `<p>${escapeHtml(page.description)}</p>` : ''}
<ul>
${links}
</ul>
${(page.tables ?? []).map(table).join('\n')}
</body>
</html>
`;
}
