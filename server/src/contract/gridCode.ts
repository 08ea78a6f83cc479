import { Type, type Static } from 'typebox';

/** A grid code of any level: 6-digit prefecture/county, 12-digit prefecture/county/town/village, 15-digit group. */
export function GridCodeString(description = 'grid code') {
  return Type.String({
    pattern: '^[0-9]{6}$|^[0-9]{12}$|^[0-9]{15}$',
    description: `${description}: a prefecture or county as 6 or 12 digits (620700, 620724 or 620724000000), a town or village as its 12-digit statistical code, a group as 15 digits (village code + 3-digit sequence)`,
    examples: ['620724', '620724105000', '620724105201', '620724105201003'],
  });
}

export const GridCodeParams = Type.Object({ code: GridCodeString() });
export type GridCodeParams = Static<typeof GridCodeParams>;

export const GridLevelName = Type.Enum(['county', 'town', 'village', 'group'], {
  description: 'grid level 县 / 镇 / 村 / 组',
});
export type GridLevelName = Static<typeof GridLevelName>;

export const DEFAULT_LIMIT = 5_000;
export const MAX_LIMIT = 50_000;

export const Limit = Type.Integer({
  minimum: 1,
  maximum: MAX_LIMIT,
  default: DEFAULT_LIMIT,
  description: `at most this many features (default ${DEFAULT_LIMIT}, max ${MAX_LIMIT}); \`truncated\` says when more matched`,
});
export type Limit = Static<typeof Limit>;

/** The query of the per-grid layers (streets, households, cameras). */
export const GridLayerQuery = Type.Object({
  grid: GridCodeString('the grid whose features are listed'),
  limit: Type.Optional(Limit),
});
export type GridLayerQuery = Static<typeof GridLayerQuery>;
