/**
 * The responsible people a notice board lists (责任到人): each post with the name as published on
 * village boards and the service phone only where it was published. Pure: no I/O.
 */

/** The posts of a board, in the order they are listed. */
export const BOARD_POSTS = [
  'grid_head',
  'grid_staff',
  'party_group_head',
  'village_cadre',
  'street_chief',
  'link_member',
  'local_worthy',
] as const;
export type BoardPost = (typeof BOARD_POSTS)[number];

export const BOARD_POST_TITLES: Readonly<Record<BoardPost, string>> = {
  grid_head: '网格长',
  grid_staff: '网格员',
  party_group_head: '党小组长',
  village_cadre: '包村干部',
  street_chief: '街长',
  link_member: '联户党员',
  local_worthy: '乡贤',
};

/** Printed where a person's phone was not published (the default: phones are private). */
export const UNPUBLISHED_PHONE = '服务电话未公开';

export interface BoardPerson {
  post: BoardPost;
  /** Published on the board in full: responsible people are named on real village boards. */
  name: string;
  /** The service phone, only when the person published it; null otherwise. */
  publishedPhone: string | null;
  /** What the post covers: the streets of a street chief, the households a party member links. */
  duty: string | null;
}

export interface BoardRow {
  post: string;
  name: string;
  phone: string;
  duty: string;
}

export interface BoardTable {
  rows: BoardRow[];
  /** People not listed for want of room (the last row says how many). */
  leftOut: number;
}

/**
 * The table rows for `people`, ordered by post (then as given), at most `maxRows`: when they do
 * not fit, the last row says how many more there are, so the board never hides that it is cut.
 */
export function boardTable(
  people: readonly BoardPerson[],
  maxRows: number,
  order: readonly BoardPost[] = BOARD_POSTS,
): BoardTable {
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new RangeError('a table has at least one row');
  const rank = (post: BoardPost) =>
    order.includes(post) ? order.indexOf(post) : order.length + BOARD_POSTS.indexOf(post);
  const ordered = people
    .map((person, index) => ({ person, index }))
    .sort((a, b) => rank(a.person.post) - rank(b.person.post) || a.index - b.index)
    .map(({ person }) => person);
  const fits = ordered.length <= maxRows;
  const shown = fits ? ordered : ordered.slice(0, maxRows - 1);
  const rows = shown.map((person) => ({
    post: BOARD_POST_TITLES[person.post],
    name: person.name,
    phone: person.publishedPhone ?? UNPUBLISHED_PHONE,
    duty: person.duty ?? '',
  }));
  const leftOut = ordered.length - shown.length;
  if (leftOut > 0) rows.push({ post: '', name: `另有 ${leftOut} 人`, phone: '', duty: '详见村务公开栏' });
  return { rows, leftOut };
}

/**
 * The linked party members (联户党员) as one paragraph — a group has dozens, too many for table
 * rows: `联户党员 12 人：秦演己（3 户）、莫演庚（3 户）…`; null when there are none.
 */
export function linkMembersParagraph(people: readonly BoardPerson[]): string | null {
  const linkers = people.filter((person) => person.post === 'link_member');
  if (linkers.length === 0) return null;
  const names = linkers.map((person) => {
    const phone = person.publishedPhone ? ` ${person.publishedPhone}` : '';
    return person.duty ? `${person.name}（${person.duty}${phone}）` : `${person.name}${phone}`;
  });
  return `联户党员 ${linkers.length} 人：${names.join('、')}`;
}

/** A street chief's duty line: the streets they answer for, `、`-separated. */
export function streetChiefDuty(streetNames: readonly string[]): string {
  return streetNames.join('、');
}

/** A linked party member's duty line. */
export function linkMemberDuty(households: number): string {
  return `联系 ${households} 户`;
}
