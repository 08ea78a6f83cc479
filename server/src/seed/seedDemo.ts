import type { Database } from '../db/database.js';
import type { DemoChoice } from './demoChoice.js';
import { seedDemoPrefecture } from './prefecture/seedDemoPrefecture.js';
import { seedDemoCounty } from './seedDemoCounty.js';

/** What the seed reports when it is done. */
export interface DemoSeeded {
  households: number;
  grids: number;
  cases: number;
  milliseconds: number;
}

/**
 * Generates the chosen demo: `county` is Gaotai alone (N × its size with `scale`); `prefecture` is
 * 张掖市 with its six counties (`say` gets a line per county as it is written: it takes minutes on
 * the embedded database).
 */
export async function seedDemo(
  db: Database,
  demo: DemoChoice,
  options: { scale?: number; seed?: number; say?: (line: string) => void } = {},
): Promise<DemoSeeded> {
  const seed = options.seed === undefined ? {} : { seed: options.seed };
  if (demo === 'county') return seedDemoCounty(db, { scale: options.scale ?? 1, ...seed });
  return seedDemoPrefecture(db, {
    ...seed,
    onCounty: ({ index, count, name, summary }) =>
      options.say?.(
        `${index}/${count} ${name}: ${summary.households.toLocaleString('en')} households, ${summary.grids} grids, ` +
          `${summary.cases} cases in ${(summary.milliseconds / 1000).toFixed(1)} s`,
      ),
  });
}
