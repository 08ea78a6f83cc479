import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { RegionCollection } from '../../../web/src/lib/api/mapFeatures.js';
import { offlineStyle, regionLabelPoints } from '../../../web/src/lib/map/offlineStyle.js';
import { layerToggles, styleLayersOf } from '../../../web/src/lib/map/layerToggles.js';
import { TILE_SETS, tileLayersAt } from '@tiles/tileLayers.js';

const region = JSON.parse(
  readFileSync(new URL('../../../data/reference/gaotai-region-counties.geojson', import.meta.url), 'utf8'),
) as RegionCollection;
const origin = 'http://127.0.0.1:8080';
const style = offlineStyle({
  origin,
  region,
  home: ['620724000000'],
  attribution: { data: 'synthetic', boundary: '© AMap' },
});

describe('offlineStyle', () => {
  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('fetches nothing from outside: no glyphs, no sprite, every tile URL on the page origin', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    for (const [name, source] of Object.entries(style.sources)) {
      if ('tiles' in source) {
        for (const url of source.tiles ?? []) expect(url.startsWith(`${origin}/tiles/`), `${name}: ${url}`).toBe(true);
      }
      if ('url' in source) expect(source.url, name).toBeUndefined();
      if (source.type === 'geojson') expect(typeof source.data, name).toBe('object');
    }
  });

  it('reads only source layers the tile server writes', () => {
    const written = new Set(
      TILE_SETS.flatMap((set) => Array.from({ length: 23 }, (_, z) => tileLayersAt(set, z)).flat()),
    );
    const read = style.layers.flatMap((layer) =>
      'source-layer' in layer && layer['source-layer'] ? [layer['source-layer']] : [],
    );
    expect(read.length).toBeGreaterThan(0);
    for (const name of read) expect(written.has(name as never), name).toBe(true);
  });

  it('has every style layer a legend toggle switches', () => {
    const ids = new Set(style.layers.map((layer) => layer.id));
    for (const toggle of layerToggles) {
      for (const id of styleLayersOf[toggle]) expect(ids.has(id), `${toggle} → ${id}`).toBe(true);
    }
  });

  it('draws the county outline above the grid lines and labels above both', () => {
    const order = style.layers.map((layer) => layer.id);
    expect(order.indexOf('county-outline')).toBeGreaterThan(order.indexOf('grid-town-line'));
    expect(order.indexOf('grid-town-label')).toBeGreaterThan(order.indexOf('county-outline'));
  });
});

describe('regionLabelPoints', () => {
  it('puts one label per county at the label point the source data gives', () => {
    const points = regionLabelPoints(region);
    expect(points.features).toHaveLength(region.features.length);
    const gaotai = points.features.find((feature) => feature.properties.code === '620724000000');
    expect(gaotai?.properties.name).toBe('高台县');
    expect(gaotai?.geometry.coordinates).toEqual([99.8181, 39.377645]);
  });
});
