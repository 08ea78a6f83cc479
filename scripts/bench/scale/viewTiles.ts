/** The tiles a map of `width` × `height` CSS pixels needs to show `bbox`, as MapLibre asks for them (512 px tiles). */
export function tilesForView(
  bbox: readonly [number, number, number, number],
  width = 1600,
  height = 900,
): { z: number; tiles: { z: number; x: number; y: number }[] } {
  const [west, south, east, north] = bbox;
  const mercatorY = (lat: number) => {
    const φ = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
    return (1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2;
  };
  const spanX = (east - west) / 360;
  const spanY = mercatorY(south) - mercatorY(north);
  // The zoom at which the box fills the view (fitBounds, no padding), then the tile zoom MapLibre loads.
  const zoom = Math.log2(Math.min(width / (512 * spanX), height / (512 * spanY)));
  const z = Math.max(0, Math.min(22, Math.floor(zoom)));
  // The view is centred on the box: what it shows at `zoom` around that centre.
  const n = 2 ** z;
  const scale = 512 * 2 ** zoom;
  const cx = ((west + east) / 2 + 180) / 360;
  const cy = (mercatorY(south) + mercatorY(north)) / 2;
  const halfW = width / 2 / scale;
  const halfH = height / 2 / scale;
  const tiles: { z: number; x: number; y: number }[] = [];
  for (let x = Math.floor((cx - halfW) * n); x <= Math.floor((cx + halfW) * n); x++) {
    for (let y = Math.floor((cy - halfH) * n); y <= Math.floor((cy + halfH) * n); y++) {
      if (x >= 0 && y >= 0 && x < n && y < n) tiles.push({ z, x, y });
    }
  }
  return { z, tiles };
}
