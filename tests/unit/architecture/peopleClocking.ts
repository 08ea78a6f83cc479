/**
 * What the 2024 and 2026 减负 rules forbid gridmap to build: check-ins (打卡, 签到), points (积分),
 * rankings of people (排名, 排行), attendance (考勤) and online-time tracking (在线时长). The check
 * reads code, not comments (a comment may say why a thing is not built): words in strings, markup
 * and names, names split at camelCase and underscores.
 */
export const forbiddenChinese = ['打卡', '签到', '积分', '排名', '排行', '考勤', '在线时长'] as const;

/** English words of the same features, matched as whole words of names and text. */
const forbiddenWords = /^(rank|ranks|ranked|ranking|rankings|leaderboard|checkin|checkins|clockin|attendance)$/i;
/** Two-word forms: "check in", "clock in", "online time" (checkIn, check_in, check-in, onlineTime …). */
const forbiddenPairs = [
  ['check', 'in'],
  ['clock', 'in'],
  ['online', 'time'],
  ['online', 'duration'],
] as const;

/** A field of a person's record or a reply that would count, score or time people. */
const forbiddenFields =
  /^(points|score|scores|rank|ranking|checkin|check_in|checked_in|online_time|online_seconds|attendance)$/i;

/** The text without `//`, `/* … *\/`, `<!-- … -->` and SQL `--` comments (quoted text kept). */
export function withoutComments(text: string, language: 'ts' | 'svelte' | 'sql'): string {
  const comment =
    language === 'sql'
      ? /('(?:[^']|'')*')|--[^\n]*/g
      : /('(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`)|\/\*[\s\S]*?\*\/|<!--[\s\S]*?-->|(?<![:\w])\/\/[^\n]*/g;
  return text.replace(comment, (match, quoted: string | undefined) => quoted ?? ' ');
}

/** The words of a text: names split at camelCase, underscores, hyphens and every non-letter. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/** Every forbidden term in `code` (comments already removed), each once, in the order found. */
export function clockingTerms(code: string): string[] {
  const found = new Set<string>();
  for (const term of forbiddenChinese) if (code.includes(term)) found.add(term);
  const words = wordsOf(code);
  words.forEach((word, index) => {
    if (forbiddenWords.test(word)) found.add(word);
    for (const [first, second] of forbiddenPairs) {
      if (word === first && words[index + 1] === second) found.add(`${first} ${second}`);
    }
  });
  return [...found];
}

/** The field names a TypeBox contract declares (`name: Type.…`) that would count, score or time people. */
export function clockingFields(contractCode: string): string[] {
  return [...contractCode.matchAll(/(\w+)\s*:\s*Type\./g)]
    .map((match) => match[1]!)
    .filter((name) => forbiddenFields.test(name));
}

/** The columns a migration creates or adds that would count, score or time people. */
export function clockingColumns(sql: string): string[] {
  const columns = [
    ...[...sql.matchAll(/CREATE TABLE[^(]*\(([\s\S]*?)\n\);/gi)].flatMap((table) =>
      table[1]!.split('\n').map((line) => line.trim().split(/\s+/)[0] ?? ''),
    ),
    ...[...sql.matchAll(/ADD COLUMN (?:IF NOT EXISTS )?(\w+)/gi)].map((match) => match[1]!),
  ];
  return columns.filter((name) => forbiddenFields.test(name));
}
