import { describe, expect, it } from 'vitest';
import { childLevel, descendantCodeRange, isBelow, parseGridCode } from '../../server/src/domain/gridCode.js';

describe('parseGridCode', () => {
  it('reads the 6-digit county code as the padded 12-digit county scoped to its towns', () => {
    expect(parseGridCode('620724')).toEqual({
      code: '620724000000',
      level: 'county',
      scope: { column: 'town_code', from: '620724000000', to: '620724999999' },
    });
  });

  it('reads the 12-digit county code the same as the 6-digit one', () => {
    expect(parseGridCode('620724000000')).toEqual(parseGridCode('620724'));
  });

  it('reads a prefecture code (county part 00) as the prefecture scoped to every town of its counties', () => {
    expect(parseGridCode('620700000000')).toEqual({
      code: '620700000000',
      level: 'prefecture',
      scope: { column: 'town_code', from: '620700000000', to: '620799999999' },
    });
    expect(parseGridCode('620700')).toEqual(parseGridCode('620700000000'));
  });

  it('reads a town code (village part 000) as a town scoped by town_code', () => {
    expect(parseGridCode('620724105000')).toEqual({
      code: '620724105000',
      level: 'town',
      scope: { column: 'town_code', from: '620724105000', to: '620724105000' },
    });
  });

  it('reads a sub-district town (town part 0xx) as a town, not the county', () => {
    expect(parseGridCode('620724001000')?.level).toBe('town');
  });

  it('reads a village code as a village scoped by village_code', () => {
    expect(parseGridCode('620724105201')).toEqual({
      code: '620724105201',
      level: 'village',
      scope: { column: 'village_code', from: '620724105201', to: '620724105201' },
    });
  });

  it('reads the industrial park virtual community (498) as a village', () => {
    expect(parseGridCode('620724400498')?.level).toBe('village');
  });

  it('reads a 15-digit code as a group scoped by group_code', () => {
    expect(parseGridCode('620724105201003')).toEqual({
      code: '620724105201003',
      level: 'group',
      scope: { column: 'group_code', from: '620724105201003', to: '620724105201003' },
    });
  });

  it.each([
    ['a group whose village part is a town', '620724105000003'],
    ['a group with sequence 000', '620724105201000'],
    ['a province code', '620000000000'],
    ['a 6-digit province code', '620000'],
    ['a town directly under a prefecture (county part 00)', '620700100000'],
    ['a village of town 000', '620724000201'],
    ['9 digits', '620724105'],
    ['letters', '62072410520X'],
    ['an empty string', ''],
  ])('rejects %s', (_what, code) => {
    expect(parseGridCode(code)).toBeNull();
  });
});

describe('childLevel and isBelow', () => {
  it('steps prefecture → county → town → village → group → none', () => {
    expect([
      childLevel('prefecture'),
      childLevel('county'),
      childLevel('town'),
      childLevel('village'),
      childLevel('group'),
    ]).toEqual(['county', 'town', 'village', 'group', null]);
  });

  it('orders levels from the county down', () => {
    expect(isBelow('group', 'town')).toBe(true);
    expect(isBelow('town', 'town')).toBe(false);
    expect(isBelow('county', 'village')).toBe(false);
  });
});

describe('descendantCodeRange', () => {
  const county = parseGridCode('620724')!;
  const town = parseGridCode('620724105000')!;
  const village = parseGridCode('620724105201')!;

  it('spans every town and village code of the county', () => {
    expect(descendantCodeRange(county, 'village')).toEqual({ from: '620724000000', to: '620724999999' });
  });

  it('spans the groups of a town with 15-digit bounds', () => {
    expect(descendantCodeRange(town, 'group')).toEqual({ from: '620724105000000', to: '620724105999999' });
  });

  it('spans the groups of one village', () => {
    expect(descendantCodeRange(village, 'group')).toEqual({ from: '620724105201000', to: '620724105201999' });
  });

  it('contains every real descendant and no grid of a sibling town', () => {
    const range = descendantCodeRange(town, 'village')!;
    const inside = (code: string) => code >= range.from && code <= range.to;
    expect(inside('620724105201')).toBe(true);
    expect(inside('620724106201')).toBe(false);
    expect(inside('620724104399')).toBe(false);
  });

  it('has no range for a level that is not below the ancestor', () => {
    expect(descendantCodeRange(village, 'town')).toBeNull();
    expect(descendantCodeRange(village, 'village')).toBeNull();
  });
});
