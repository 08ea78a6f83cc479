import { untrack } from 'svelte';
import { drillApi } from '../../lib/api/drillApi.js';
import type { CaseDetailSession } from './cases/caseDetailSession.svelte.js';
import type { DrillSession } from './drillSession.svelte.js';
import { chinaDateDaysAgo } from './exportPng.js';
import type { MapSession } from './mapSession.svelte.js';
import { goTo, mapPath } from './mapNavigation.js';
import { shortGridCode } from '../../lib/routing/shortGridCode.js';
import { markPageStep } from '../../lib/timing/pageTiming.js';

/** What the URL asks the map to show (MapView's props). */
export interface DrillFocusRequest {
  target: string;
  street: number | null;
  caseSerial: string | null;
}

/** The maps that have framed a grid once already. */
const framedPorts = new WeakSet<object>();

/** Degrees around a case when flying to it (about 1.5 km across: the case and its street corner). */
const caseFramePad = 0.008;

/**
 * Ties the drill-down's state to the map through its port (call while a component initialises:
 * the effects live as long as it). The selected grid is masked, outlined and framed; its children
 * coloured by the measure; the density view, a street and a case are drawn when asked; a click on
 * a child or a sibling grid drills there, a click on a case point opens it. Returns `locateCase`.
 */
export function bindDrillMap(
  session: MapSession,
  drill: DrillSession,
  detail: CaseDetailSession,
  focus: () => DrillFocusRequest,
): { locateCase: () => void } {
  const locateCase = () => {
    const item = detail.detail;
    if (!item || !session.port) return;
    const pad = caseFramePad;
    void session.port.fitBounds([item.lon - pad, item.lat - pad, item.lon + pad, item.lat + pad]);
  };

  // The selected grid: mask, outline and children (these as soon as the dossier names them).
  $effect(() => {
    const port = session.port;
    const grid = drill.grid;
    port?.setDrill(
      grid
        ? { code: grid.code, geometry: grid.geometry, childLevel: grid.childLevel, childCodes: grid.childCodes }
        : null,
    );
  });
  // Frame it as soon as its outline is in.
  $effect(() => {
    const port = session.port;
    const outline = drill.outline;
    if (!port || !outline) return;
    markPageStep('outline');
    let current = true;
    // The first grid a map frames is jumped to (a deep link shows its place at once); later drills
    // glide, so the eye follows where the map went.
    const animate = framedPorts.has(port);
    framedPorts.add(port);
    void port.fitBounds(outline.bbox, { animate }).then(() => {
      if (current && drill.outline === outline) {
        markPageStep('framed');
        drill.fittedCode = outline.code;
      }
    });
    return () => (current = false);
  });

  $effect(() => {
    session.port?.setThematic(drill.thematic && drill.classification ? drill.classification.colours : null);
  });

  // The density view: every case reported in the grid over the chosen period.
  $effect(() => {
    const port = session.port;
    const days = drill.densityDays;
    const target = focus().target;
    if (!port) return;
    if (days === null) {
      port.setDensity(null);
      drill.densityCount = null;
      return;
    }
    const abort = new AbortController();
    drillApi
      .casePoints(target, chinaDateDaysAgo(days), abort.signal)
      .then((reply) => {
        port.setDensity(reply.features.map((item) => item.geometry.coordinates as [number, number]));
        drill.densityCount = reply.features.length;
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) console.warn('gridmap: density data failed', error);
      });
    return () => abort.abort();
  });

  // A street (from the dossier or the search): highlight it, and fly there once the grid is framed.
  $effect(() => {
    const port = session.port;
    const { street, target } = focus();
    if (!port) return;
    port.highlightStreet(street);
    if (street === null || drill.fittedCode !== target) return;
    const found = untrack(() => drill.dossier?.streets.list.find((item) => item.id === street));
    if (found) void port.fitBounds(found.bbox as [number, number, number, number]);
  });

  // The open case: ring it; fly to it once per case (not again when a live event reloads it).
  $effect(() => {
    const port = session.port;
    const item = detail.detail;
    if (!port) return;
    port.markCase(item && focus().caseSerial === item.serial ? [item.lon, item.lat] : null);
  });
  let located: string | null = null;
  $effect(() => {
    const serial = detail.detail?.serial ?? null;
    const framed = drill.fittedCode === focus().target;
    if (!serial) located = null;
    else if (framed && serial !== located) {
      located = serial;
      untrack(locateCase);
    }
  });

  // A click on a case point opens it; on a child grid drills down; on a sibling moves across.
  $effect(() => {
    const pick = session.pick;
    if (pick?.kind === 'case' && pick.pinned) {
      goTo(
        mapPath(
          untrack(() => focus().target),
          { caseSerial: pick.properties.serial },
        ),
      );
    }
  });
  $effect(() => {
    const port = session.port;
    if (!port) return;
    return port.onGridClick((grids) => {
      const grid = drill.grid;
      const level = drill.dossier?.grid.level;
      if (!grid || !level) return;
      const child = grids.find((item) => item.level === grid.childLevel && grid.childCodes.includes(item.code));
      // Codes compared in one form: the map names a county `620723000000`, its address `620723`.
      const sibling = grids.find(
        (item) => item.level === level && shortGridCode(item.code) !== shortGridCode(grid.code),
      );
      const next = child ?? sibling;
      if (next) goTo(mapPath(next.code));
    });
  });

  return { locateCase };
}
