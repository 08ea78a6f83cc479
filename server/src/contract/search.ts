import { Type, type Static } from 'typebox';
import { AnyGridLevel, Bbox } from './grids.js';

/** `GET /api/search`: one search box for grids, streets and cases, inside the viewer's scope (issue #4). */

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 64, description: 'grid name or code, street name, or case serial prefix' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 20 })),
});
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchResult = Type.Object({
  kind: Type.Enum(['grid', 'street', 'case']),
  key: Type.String({ description: 'grid code, street id or case serial' }),
  label: Type.String({ description: 'grid or street name, or the case serial + category' }),
  context: Type.String({
    description: 'parent names, top first (张掖市 › 高台县 › 南华镇 › …; a county run alone has no prefecture)',
  }),
  level: Type.Union([AnyGridLevel, Type.Null()], { description: 'for a grid its level; else null' }),
  gridCode: Type.String({ description: 'the grid to drill to: the grid itself, or the group of a street or case' }),
  match: Type.Enum(['exact', 'prefix', 'substring']),
  bbox: Bbox,
});
export type SearchResult = Static<typeof SearchResult>;

export const SearchReply = Type.Object({
  q: Type.String(),
  results: Type.Array(SearchResult, { description: 'at most `limit`, exact before prefix before substring' }),
});
export type SearchReply = Static<typeof SearchReply>;
