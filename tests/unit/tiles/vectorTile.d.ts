// @mapbox/vector-tile 1 and pbf 3 (installed with vt-pbf) ship no types; only what the tile tests read.
declare module '@mapbox/vector-tile' {
  export interface VectorTileFeature {
    id: number | undefined;
    /** 1 point, 2 line, 3 polygon. */
    type: 1 | 2 | 3;
    extent: number;
    properties: Record<string, string | number | boolean>;
    loadGeometry(): { x: number; y: number }[][];
  }
  export interface VectorTileLayer {
    name: string;
    version: number;
    extent: number;
    length: number;
    feature(index: number): VectorTileFeature;
  }
  export class VectorTile {
    constructor(pbf: unknown);
    layers: Record<string, VectorTileLayer>;
  }
}

declare module 'pbf' {
  export default class Pbf {
    constructor(data: Uint8Array);
  }
}
