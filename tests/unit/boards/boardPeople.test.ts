import { describe, expect, it } from 'vitest';
import {
  boardTable,
  linkMembersParagraph,
  UNPUBLISHED_PHONE,
  type BoardPerson,
} from '../../../server/src/domain/boards/boardPeople.js';

const person = (post: BoardPerson['post'], name: string, extra: Partial<BoardPerson> = {}): BoardPerson => ({
  post,
  name,
  publishedPhone: null,
  duty: null,
  ...extra,
});

describe('boardTable', () => {
  const people = [
    person('street_chief', '赵一', { duty: '和平巷、利民路' }),
    person('local_worthy', '钱二'),
    person('grid_staff', '孙三', { publishedPhone: '13900000001' }),
    person('grid_head', '李四'),
    person('village_cadre', '周五'),
  ];

  it('lists the grid head first, then staff, party group head, cadre, street chiefs, local worthies', () => {
    expect(boardTable(people, 10).rows.map((row) => `${row.post} ${row.name}`)).toEqual([
      '网格长 李四',
      '网格员 孙三',
      '包村干部 周五',
      '街长 赵一',
      '乡贤 钱二',
    ]);
  });

  it('prints a published phone and 服务电话未公开 for the others', () => {
    const rows = boardTable(people, 10).rows;
    expect(rows.find((row) => row.name === '孙三')?.phone).toBe('13900000001');
    expect(rows.find((row) => row.name === '李四')?.phone).toBe(UNPUBLISHED_PHONE);
    expect(rows.find((row) => row.name === '赵一')?.duty).toBe('和平巷、利民路');
  });

  it('says how many more there are in its last row when they do not fit', () => {
    const table = boardTable(people, 3);
    expect(table.rows).toHaveLength(3);
    expect(table.leftOut).toBe(3);
    expect(table.rows[2]).toEqual({ post: '', name: '另有 3 人', phone: '', duty: '详见村务公开栏' });
    expect(boardTable(people, 5).leftOut).toBe(0);
  });

  it('takes another order of posts (a village cover lists its cadre before the grid heads)', () => {
    const rows = boardTable(people, 10, ['village_cadre', 'grid_head']).rows.map((row) => row.name);
    expect(rows.slice(0, 2)).toEqual(['周五', '李四']);
    expect(rows).toHaveLength(5);
  });

  it('refuses a table of no rows', () => {
    expect(() => boardTable(people, 0)).toThrow(RangeError);
  });
});

describe('linkMembersParagraph', () => {
  it('names every linked party member with their households, and is null without any', () => {
    expect(
      linkMembersParagraph([
        person('grid_head', '李四'),
        person('link_member', '吴六', { duty: '联系 3 户' }),
        person('link_member', '郑七', { duty: '联系 1 户', publishedPhone: '13900000002' }),
      ]),
    ).toBe('联户党员 2 人：吴六（联系 3 户）、郑七（联系 1 户 13900000002）');
    expect(linkMembersParagraph([person('grid_head', '李四')])).toBeNull();
  });
});
