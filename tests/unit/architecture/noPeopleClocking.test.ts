import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clockingColumns, clockingFields, clockingTerms, withoutComments } from './peopleClocking.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function filesUnder(folder: string, extensions: readonly string[]): string[] {
  return readdirSync(join(root, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) return filesUnder(path, extensions);
    return extensions.includes(extname(name)) ? [path] : [];
  });
}

const languageOf = (path: string) => (path.endsWith('.svelte') ? 'svelte' : path.endsWith('.sql') ? 'sql' : 'ts');
const codeOf = (path: string) => withoutComments(readFileSync(join(root, path), 'utf8'), languageOf(path));

/**
 * 减负 (issue #14 part 7): no check-in, points, ranking of people or online-time feature in the
 * routes, the fields (API contract, database columns) or the components and their texts.
 */
describe('nothing that clocks, ranks or times people', () => {
  it('finds a planted check-in, ranking, points or online-time feature, and ignores a comment saying why there is none', () => {
    expect(clockingTerms("t('patrol.checkIn') + '视频巡查打卡'")).toEqual(['打卡', 'check in']);
    expect(clockingTerms('const rankChildren = …; <th>排名</th>')).toEqual(['排名', 'rank']);
    expect(clockingTerms("{ onlineTime: 3, label: '积分' }")).toEqual(['积分', 'online time']);
    expect(clockingTerms("app.get('/api/leaderboard')")).toEqual(['leaderboard']);
    expect(clockingTerms(withoutComments('// no 打卡 here: the rules forbid check-in\nconst a = 1;', 'ts'))).toEqual(
      [],
    );
    expect(clockingTerms(withoutComments('<!-- no ranking --><p>对比</p>', 'svelte'))).toEqual([]);
    expect(clockingTerms(withoutComments("-- no online time\nSELECT 'a -- b'", 'sql'))).toEqual([]);
    expect(clockingTerms(withoutComments("const url = 'http://x/y'; // ranked", 'ts'))).toEqual([]);
    expect(clockingFields('points: Type.Integer(), name: Type.String(), checkin: Type.Boolean()')).toEqual([
      'points',
      'checkin',
    ]);
    expect(
      clockingColumns('CREATE TABLE m (\n  id bigint,\n  score int\n);\nALTER TABLE m ADD COLUMN online_time int;'),
    ).toEqual(['score', 'online_time']);
  });

  it('has none in the routes, the API contract or the web app’s components and texts', () => {
    const files = [
      ...filesUnder('server/src/routes', ['.ts']),
      ...filesUnder('server/src/contract', ['.ts']),
      ...filesUnder('web/src', ['.ts', '.svelte']),
    ];
    expect(files.length).toBeGreaterThan(100);
    const found = files
      .map((path) => ({ path: relative(root, join(root, path)), terms: clockingTerms(codeOf(path)) }))
      .filter((file) => file.terms.length > 0);
    expect(found).toEqual([]);
  });

  it('declares no field that would count, score or time people, in the contract or the database', () => {
    const contract = filesUnder('server/src/contract', ['.ts']).flatMap((path) =>
      clockingFields(codeOf(path)).map((field) => `${path}: ${field}`),
    );
    const migrations = filesUnder('server/src/db/migrations', ['.sql']);
    expect(migrations.length).toBeGreaterThan(10);
    const columns = migrations.flatMap((path) => clockingColumns(codeOf(path)).map((column) => `${path}: ${column}`));
    expect([...contract, ...columns]).toEqual([]);
  });
});
