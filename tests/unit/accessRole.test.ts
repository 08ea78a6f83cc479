import { describe, expect, it } from 'vitest';
import {
  gridCovers,
  roleScopeProblem,
  ROLE_SCOPE_LEVELS,
  viewerCoversGrid,
  viewerPartOf,
  type AccessRole,
  type Viewer,
} from '../../server/src/domain/accessRole.js';
import { parseGridCode, type GridCode } from '../../server/src/domain/gridCode.js';
import { sessionLifetime } from '../../server/src/auth/sessionPolicy.js';

const code = (text: string): GridCode => {
  const parsed = parseGridCode(text);
  if (!parsed) throw new Error(`not a grid code: ${text}`);
  return parsed;
};

const viewer = (scope: string, role: AccessRole = 'town_leader'): Viewer => ({
  accountId: 1,
  username: 'u',
  role,
  scope: code(scope),
  memberId: null,
});

const county = '620724000000';
const townA = '620724100000';
const villageA = '620724100200';
const groupA = '620724100200003';
const townB = '620724101000';
const villageB = '620724101200';

describe('viewerCoversGrid', () => {
  it.each([
    [county, [county, townA, villageA, groupA, townB, villageB], []],
    [townA, [townA, villageA, groupA], [county, townB, villageB]],
    [villageA, [villageA, groupA], [county, townA, townB, `${villageA.slice(0, 11)}9`]],
    [groupA, [groupA], [villageA, townA, county, `${groupA.slice(0, 14)}4`]],
  ])('a viewer of %s covers its own grid and those below, nothing else', (scope, inside, outside) => {
    for (const grid of inside) expect(viewerCoversGrid(viewer(scope), grid), grid).toBe(true);
    for (const grid of outside) expect(viewerCoversGrid(viewer(scope), grid), grid).toBe(false);
  });

  it('covers the county written with 6 digits, and nothing of another county or a malformed code', () => {
    expect(viewerCoversGrid(viewer(county), '620724')).toBe(true);
    expect(viewerCoversGrid(viewer(county), '620725100000')).toBe(false);
    expect(viewerCoversGrid(viewer(townA), '62072410000')).toBe(false);
    expect(viewerCoversGrid(viewer(townA), "620724100000' OR 1=1")).toBe(false);
    expect(viewerCoversGrid(viewer(townA), '')).toBe(false);
  });

  it('a town code is not inside a village that shares its digits', () => {
    // 620724100200 (village) and 620724100000 (town): a prefix check on the raw text would say yes.
    expect(gridCovers(code(villageA), townA)).toBe(false);
  });
});

describe('viewerPartOf (the rule of every list)', () => {
  it('a grid inside the scope is read as asked', () => {
    const asked = code(villageA);
    expect(viewerPartOf(viewer(townA), asked)).toBe(asked);
  });

  it('a grid containing the scope is read as the scope: the county list of a town leader is their town', () => {
    expect(viewerPartOf(viewer(townA), code('620724'))?.code).toBe(townA);
    expect(viewerPartOf(viewer(groupA, 'grid_staff'), code(townA))?.code).toBe(groupA);
  });

  it('any other grid is nothing (404)', () => {
    expect(viewerPartOf(viewer(townA), code(townB))).toBeNull();
    expect(viewerPartOf(viewer(townA), code(villageB))).toBeNull();
    expect(viewerPartOf(viewer(villageA, 'village_cadre'), code('620724100201'))).toBeNull();
  });

  it('a county viewer reads everything as asked', () => {
    for (const grid of [county, townB, villageB, groupA]) {
      const asked = code(grid);
      expect(viewerPartOf(viewer(county, 'county_admin'), asked)).toBe(asked);
    }
  });
});

describe('a prefecture above its counties (张掖市 620700: 高台县 620724, 临泽县 620723)', () => {
  const prefecture = '620700000000';
  const linze = '620723000000';
  const linzeTown = '620723100000';
  const linzeGroup = '620723100201001';

  it('a prefecture viewer covers itself and every county, town, village and group whose code shares its 4 digits', () => {
    const asCity = viewer(prefecture, 'county_admin');
    for (const grid of [prefecture, '620700', county, linze, '620723', townA, villageA, groupA, linzeTown, linzeGroup])
      expect(viewerCoversGrid(asCity, grid), grid).toBe(true);
    // Another prefecture (酒泉市 6209), a county of it, and a province code are not its.
    for (const grid of ['620900000000', '620902000000', '620902100000', '620000000000'])
      expect(viewerCoversGrid(asCity, grid), grid).toBe(false);
  });

  it('a county viewer covers neither the prefecture above it nor a sibling county', () => {
    const asLinze = viewer(linze, 'county_admin');
    for (const grid of [linze, linzeTown, linzeGroup]) expect(viewerCoversGrid(asLinze, grid), grid).toBe(true);
    for (const grid of [prefecture, '620700', county, townA, villageA, groupA])
      expect(viewerCoversGrid(asLinze, grid), grid).toBe(false);
  });

  it('reads the prefecture asked by a county or town viewer as their own scope, a sibling county as nothing', () => {
    expect(viewerPartOf(viewer(linze, 'county_admin'), code(prefecture))?.code).toBe(linze);
    expect(viewerPartOf(viewer(townA), code('620700'))?.code).toBe(townA);
    expect(viewerPartOf(viewer(linze, 'county_admin'), code(county))).toBeNull();
    expect(viewerPartOf(viewer(linze, 'county_admin'), code(groupA))).toBeNull();
    expect(viewerPartOf(viewer(county, 'wall'), code(linzeTown))).toBeNull();
  });

  it('reads every grid below the prefecture as asked for a prefecture viewer', () => {
    for (const grid of [prefecture, county, linze, linzeTown, groupA]) {
      const asked = code(grid);
      expect(viewerPartOf(viewer(prefecture, 'county_admin'), asked)).toBe(asked);
    }
    expect(viewerPartOf(viewer(prefecture, 'county_admin'), code('620902000000'))).toBeNull();
  });
});

describe('the levels a role answers for', () => {
  it('lets the county-wide roles answer for a prefecture or a county, a planner for a town too', () => {
    for (const role of ['county_admin', 'auditor', 'wall', 'planner'] as const) {
      expect(roleScopeProblem(role, code('620700000000')), role).toBeNull();
      expect(roleScopeProblem(role, code(county)), role).toBeNull();
    }
    expect(roleScopeProblem('planner', code(townA))).toBeNull();
    expect(roleScopeProblem('town_leader', code(townA))).toBeNull();
    expect(roleScopeProblem('village_cadre', code(villageA))).toBeNull();
    expect(roleScopeProblem('grid_staff', code(groupA))).toBeNull();
  });

  it('names the levels a role may have when the scope is another one', () => {
    expect(roleScopeProblem('county_admin', code(townA))).toBe(
      `a county_admin answers for a prefecture or a county, not a town (${townA})`,
    );
    expect(roleScopeProblem('town_leader', code('620700'))).toBe(
      'a town_leader answers for a town, not a prefecture (620700000000)',
    );
    expect(roleScopeProblem('grid_staff', code(villageA))).toMatch(/answers for a group, not a village/);
  });

  it('has levels for every role', () => {
    for (const levels of Object.values(ROLE_SCOPE_LEVELS)) expect(levels.length).toBeGreaterThan(0);
    expect(Object.keys(ROLE_SCOPE_LEVELS).sort()).toEqual(
      ['auditor', 'county_admin', 'grid_staff', 'planner', 'town_leader', 'village_cadre', 'wall'].sort(),
    );
  });
});

describe('session lifetimes', () => {
  it('people sign in again after two idle hours, twelve at most; a wall display keeps 30 days sliding', () => {
    for (const role of ['county_admin', 'town_leader', 'village_cadre', 'grid_staff', 'planner', 'auditor'] as const) {
      expect(sessionLifetime(role)).toEqual({ idleSeconds: 7_200, absoluteSeconds: 43_200 });
    }
    expect(sessionLifetime('wall')).toEqual({ idleSeconds: 30 * 86_400, absoluteSeconds: 365 * 86_400 });
  });
});
