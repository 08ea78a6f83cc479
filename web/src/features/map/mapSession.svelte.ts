import { mapData } from '../../lib/api/mapData.js';
import { allLayersVisible, type LayerToggle, type LayerVisibility } from '../../lib/map/layerToggles.js';
import type { MapPick, MapPort } from '../../lib/map/mapPort.js';
import { openCountyMap } from '../../lib/map/openCountyMap.js';

/** The county as the API names it in `?grid=`. */
export const countyGridCode = '620724';

/** One map on screen: its port, what is loaded, what the user switched and picked. */
export class MapSession {
  port: MapPort | null = $state.raw(null);
  ready = $state(false);
  /** Why something failed to load, for the user; null while all is well. */
  failure: string | null = $state(null);
  pick: MapPick | null = $state.raw(null);
  visibility: LayerVisibility = $state({ ...allLayersVisible });

  toggle(layer: LayerToggle): void {
    this.visibility[layer] = !this.visibility[layer];
    this.port?.setLayerVisible(layer, this.visibility[layer]);
  }

  /** Loads the basemap and the county's cameras and open cases into `container`; returns the cleanup. */
  open(container: HTMLElement, attribution: { data: string; boundary: string }): () => void {
    const abort = new AbortController();
    const { signal } = abort;
    let port: MapPort | undefined;
    let stopPicking = () => {};
    const load = async () => {
      const region = await mapData.region(signal);
      if (signal.aborted) return;
      port = openCountyMap({ container, region, attribution, visibility: { ...this.visibility } });
      this.port = port;
      stopPicking = port.onPick((pick) => (this.pick = pick));
      const [cameras, cases] = await Promise.all([
        mapData.cameras(countyGridCode, signal),
        mapData.openCases(countyGridCode, signal),
      ]);
      port.setCameras(cameras.features);
      port.setCases(cases.features);
      await port.ready;
      if (!signal.aborted) this.ready = true;
    };
    load().catch((error: unknown) => {
      if (signal.aborted) return;
      this.failure = error instanceof Error ? error.message : String(error);
      console.warn('gridmap: the map could not load', error);
    });
    return () => {
      abort.abort();
      stopPicking();
      port?.destroy();
      this.port = null;
      this.ready = false;
      this.pick = null;
    };
  }

  /** Reads the county's open cases again (a live event changed one) and redraws their points. */
  async reloadCases(): Promise<void> {
    const port = this.port;
    if (!port) return;
    try {
      const cases = await mapData.openCases(countyGridCode);
      if (this.port === port) port.setCases(cases.features);
    } catch (error) {
      console.warn('gridmap: open cases could not be reloaded', error);
    }
  }
}
