import { describe, expect, it } from 'vitest';
import { trendMonths } from '../../../server/src/repos/grids/dossierMeasuresRepo.js';
import { childrenCsv } from '../../../server/src/routes/grids/dossierRoutes.js';
import { csvText } from '../../../server/src/http/csvReply.js';

describe('csvText', () => {
  it('starts with a BOM, ends lines with CRLF and quotes cells with separators, quotes or line breaks', () => {
    const text = csvText(
      ['名称', '备注'],
      [
        ['a,b', 'say "hi"'],
        ['line\nbreak', null],
        [3.5, 0],
      ],
    );
    expect(text).toBe('\uFEFF名称,备注\r\n"a,b","say ""hi"""\r\n"line\nbreak",\r\n3.5,0\r\n');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    const text = csvText(['x'], [['=HYPERLINK("http://evil")'], ['+1'], ['-2'], ['@SUM(A1)']]);
    expect(text.split('\r\n').slice(1, 5)).toEqual(['"\'=HYPERLINK(""http://evil"")"', "'+1", "'-2", "'@SUM(A1)"]);
  });
});

describe('childrenCsv', () => {
  it('writes one line per child with the level in Chinese and shares as percentages', () => {
    const text = childrenCsv([
      {
        code: '620724100001',
        name: '新建东村',
        level: 'village',
        labelPoint: null,
        measures: {
          households: 491,
          openCases: 3,
          overdueCases: 1,
          openPer100Households: 0.611,
          linkCoverage: 0.9053,
          cameraOnlineRate: null,
        },
      },
    ]);
    expect(text.split('\r\n')[1]).toBe('620724100001,新建东村,村,491,3,1,0.611,90.5,');
  });
});

describe('trendMonths', () => {
  it('gives the 12 China-time months ending with the current one, bounded at China midnight', () => {
    // 2026-11-30 17:00 UTC is already 1 December in China.
    const { labels, bounds } = trendMonths(new Date('2026-11-30T17:00:00Z'));
    expect(labels).toHaveLength(12);
    expect(labels[0]).toBe('2026-01');
    expect(labels[11]).toBe('2026-12');
    expect(bounds).toHaveLength(13);
    expect(bounds[0]!.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(bounds[12]!.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('crosses the year backwards', () => {
    const { labels } = trendMonths(new Date('2026-03-15T04:00:00Z'));
    expect(labels[0]).toBe('2025-04');
    expect(labels[11]).toBe('2026-03');
  });
});
