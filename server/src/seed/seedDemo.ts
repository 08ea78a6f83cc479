import type { Database } from '../db/database.js';
import type { DemoChoice } from './demoChoice.js';
import { seedDemoPrefecture } from './prefecture/seedDemoPrefecture.js';
import { seedDemoCounty } from './seedDemoCounty.js';

export interface DemoSeedOptions {
  /** PRNG seed (default: the demo's own, 620724 for the county, 620700 for the prefecture). */
  seed?: number;
  /** The county demo's size multiplier (integer 1–30). */
  scale?: number;
  /** The prefecture's households as a share of full size, (0, 1]. */
  householdScale?: number;
  /** Progress lines: the prefecture takes minutes, so one line per county and step. */
  say?: (line: string) => void;
}

/** What the chosen demo wrote, in a few figures for the console. */
export interface DemoSeeded {
  households: number;
  grids: number;
  cases: number;
  milliseconds: number;
}

/** Generates the chosen demo (GRIDMAP_DEMO, `npm run seed -- --demo`) into an empty database. */
export async function seedDemo(db: Database, demo: DemoChoice, options: DemoSeedOptions = {}): Promise<DemoSeeded> {
  const seed = options.seed === undefined ? {} : { seed: options.seed };
  const summary =
    demo === 'county'
      ? await seedDemoCounty(db, { ...seed, scale: options.scale ?? 1 })
      : await seedDemoPrefecture(db, {
          ...seed,
          ...(options.householdScale === undefined ? {} : { householdScale: options.householdScale }),
          ...(options.say ? { onProgress: options.say } : {}),
        });
  const { households, grids, cases, milliseconds } = summary;
  return { households, grids, cases, milliseconds };
}
