import { describe, expect, it } from 'vitest';
import { parseGridCode } from '../../../server/src/domain/gridCode.js';
import {
  boardLevelProblem,
  boardPages,
  boardPrintDate,
  boardTitle,
  villageCodeOf,
  villagePublicUrl,
} from '../../../server/src/domain/boards/boardPlan.js';

const grid = (code: string) => parseGridCode(code)!;
const stored = [
  { code: '620724105201001', level: 'group' as const },
  { code: '620724105200', level: 'village' as const },
  { code: '620724105201', level: 'village' as const },
  { code: '620724105200002', level: 'group' as const },
  { code: '620724105200001', level: 'group' as const },
];

describe('boardPages', () => {
  it('gives a group one page', () => {
    expect(boardPages(grid('620724105200002'), stored)).toEqual([{ kind: 'group', code: '620724105200002' }]);
  });

  it('gives a village its cover, then its groups in code order', () => {
    expect(boardPages(grid('620724105200'), stored)).toEqual([
      { kind: 'village', code: '620724105200' },
      { kind: 'group', code: '620724105200001' },
      { kind: 'group', code: '620724105200002' },
    ]);
  });

  it('gives a town each village’s cover followed by its groups', () => {
    expect(boardPages(grid('620724105000'), stored).map((page) => page.code)).toEqual([
      '620724105200',
      '620724105200001',
      '620724105200002',
      '620724105201',
      '620724105201001',
    ]);
  });

  it('refuses a county and a prefecture', () => {
    expect(boardLevelProblem(grid('620724000000'))).toMatch(/not a county/);
    expect(boardLevelProblem(grid('620700000000'))).toMatch(/not a prefecture/);
    expect(boardLevelProblem(grid('620724105000'))).toBeNull();
    expect(() => boardPages(grid('620724000000'), stored)).toThrow(RangeError);
  });
});

describe('the QR code’s URL', () => {
  it('leads a group or a village to the village’s public page on the origin, a base path kept', () => {
    expect(villagePublicUrl('http://10.0.0.5:8080', '620724105200003')).toBe('http://10.0.0.5:8080/p/620724105200');
    expect(villagePublicUrl('https://gridmap.example.cn/gaotai/', '620724105200')).toBe(
      'https://gridmap.example.cn/gaotai/p/620724105200',
    );
    expect(villageCodeOf('620724105200003')).toBe('620724105200');
    expect(() => villageCodeOf('620724')).toThrow(RangeError);
  });
});

describe('boardTitle and boardPrintDate', () => {
  it('names the county, town, village and group, without the prefecture', () => {
    const parents = [
      { name: '张掖市', level: 'prefecture' as const },
      { name: '高台县', level: 'county' as const },
      { name: '骆驼城镇', level: 'town' as const },
      { name: '碱泉子村', level: 'village' as const },
    ];
    expect(boardTitle(parents, '一组')).toBe('高台县 骆驼城镇 碱泉子村 一组 网格公示牌');
    expect(boardTitle(parents.slice(0, 3), '碱泉子村', true)).toBe('高台县 骆驼城镇 碱泉子村 网格公示牌（总览）');
  });

  it('dates the print in China Standard Time', () => {
    expect(boardPrintDate(new Date('2026-12-07T15:59:59Z'))).toBe('2026-12-07');
    expect(boardPrintDate(new Date('2026-12-07T16:00:00Z'))).toBe('2026-12-08');
  });
});
