import { describe, expect, it } from 'vitest';
import { parseGridCode, type GridCode } from '../../server/src/domain/gridCode.js';
import { eventPlace, scopeCovers } from '../../server/src/domain/liveScope.js';

function grid(code: string): GridCode {
  const parsed = parseGridCode(code);
  if (!parsed) throw new Error(`bad test code ${code}`);
  return parsed;
}

const group = '620724105201003';
const place = eventPlace({ groupCode: group });

describe('eventPlace', () => {
  it('derives the village and town of an event tagged only with its group', () => {
    expect(place).toEqual({ townCode: '620724105000', villageCode: '620724105201', groupCode: group });
  });

  it('keeps codes that were given and leaves unknown levels null', () => {
    expect(eventPlace({ villageCode: '620724105201' })).toEqual({
      townCode: '620724105000',
      villageCode: '620724105201',
      groupCode: null,
    });
    expect(eventPlace({})).toEqual({ townCode: null, villageCode: null, groupCode: null });
  });
});

describe('scopeCovers', () => {
  it('covers an event from the county down to its own group', () => {
    for (const code of ['620724', '620724105000', '620724105201', group])
      expect(scopeCovers(grid(code), place)).toBe(true);
  });

  it('does not cover an event of a sibling town, village or group', () => {
    expect(scopeCovers(grid('620724106000'), place)).toBe(false);
    expect(scopeCovers(grid('620724105202'), place)).toBe(false);
    expect(scopeCovers(grid('620724105201004'), place)).toBe(false);
  });

  it('lets only the county see a county-wide event', () => {
    const countyWide = eventPlace({});
    expect(scopeCovers(grid('620724'), countyWide)).toBe(true);
    expect(scopeCovers(grid('620724105000'), countyWide)).toBe(false);
  });

  it('does not let a town see an event that stopped at another level above it', () => {
    expect(scopeCovers(grid('620724105201'), eventPlace({ townCode: '620724105000' }))).toBe(false);
  });

  it("does not let a county see another county's event", () => {
    expect(scopeCovers(grid('620724'), eventPlace({ townCode: '620702105000' }))).toBe(false);
  });

  it('lets a prefecture see every event of its counties and the events of no town, nothing of another prefecture', () => {
    const prefecture = grid('620700000000');
    expect(scopeCovers(prefecture, place)).toBe(true);
    expect(scopeCovers(prefecture, eventPlace({ townCode: '620723100000' }))).toBe(true);
    expect(scopeCovers(prefecture, eventPlace({ groupCode: '620702100201001' }))).toBe(true);
    expect(scopeCovers(prefecture, eventPlace({}))).toBe(true);
    expect(scopeCovers(prefecture, eventPlace({ townCode: '620902100000' }))).toBe(false);
    expect(scopeCovers(grid('620700'), place)).toBe(true);
  });

  it('does not let 临泽县 (620723) see an event of 高台县 (620724) under the same prefecture', () => {
    expect(scopeCovers(grid('620723000000'), place)).toBe(false);
    expect(scopeCovers(grid('620723000000'), eventPlace({ groupCode: '620723100201001' }))).toBe(true);
  });
});
