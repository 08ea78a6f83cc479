import { mapData } from '../../lib/api/mapData.js';
import { allLayersVisible, type LayerToggle, type LayerVisibility } from '../../lib/map/layerToggles.js';
import type { ViewerScope } from '../../lib/map/homeCounties.js';
import type { MapPick, MapPort } from '../../lib/map/mapPort.js';
import { openCountyMap } from '../../lib/map/openCountyMap.js';
import { markPageStep } from '../../lib/timing/pageTiming.js';

/** One map on screen: its port, what is loaded, what the user switched and picked. */
export class MapSession {
  port: MapPort | null = $state.raw(null);
  ready = $state(false);
  /** Why something failed to load, for the user; null while all is well. */
  failure: string | null = $state(null);
  pick: MapPick | null = $state.raw(null);
  visibility: LayerVisibility = $state({ ...allLayersVisible });
  /** The viewer's scope the map was opened for: its cameras and open cases are drawn. */
  private scope: ViewerScope | null = null;

  toggle(layer: LayerToggle): void {
    this.visibility[layer] = !this.visibility[layer];
    this.port?.setLayerVisible(layer, this.visibility[layer]);
  }

  /** Loads the basemap and the scope's cameras and open cases into `container`; returns the cleanup. */
  open(container: HTMLElement, scope: ViewerScope, attribution: { data: string; boundary: string }): () => void {
    this.scope = scope;
    const abort = new AbortController();
    const { signal } = abort;
    let port: MapPort | undefined;
    let stopPicking = () => {};
    const load = async () => {
      const region = await mapData.region(signal);
      if (signal.aborted) return;
      markPageStep('region');
      port = openCountyMap({ container, region, scope, attribution, visibility: { ...this.visibility } });
      this.port = port;
      stopPicking = port.onPick((pick) => (this.pick = pick));
      const [cameras, cases] = await Promise.all([
        mapData.cameras(scope.code, signal),
        mapData.openCases(scope.code, signal),
      ]);
      markPageStep('points');
      port.setCameras(cameras.features);
      port.setCases(cases.features);
      await port.ready;
      markPageStep('map drawn');
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

  /** Reads the scope's open cases again (a live event changed one) and redraws their points. */
  async reloadCases(): Promise<void> {
    const port = this.port;
    const scope = this.scope;
    if (!port || !scope) return;
    try {
      const cases = await mapData.openCases(scope.code);
      if (this.port === port) port.setCases(cases.features);
    } catch (error) {
      console.warn('gridmap: open cases could not be reloaded', error);
    }
  }

  /** Redraws the grid outlines as of a published version (a live `grid` event, or a resync's fresh read). */
  reloadGrids(version: string): void {
    this.port?.reloadGrids(version);
  }
}
