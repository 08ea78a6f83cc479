/**
 * The personal values (names, phones, ID numbers) that occur anywhere in a reply body, as whole
 * values or inside longer text. One pass per distinct value length, so a town's households
 * (~1 MB of JSON against thousands of values) stay fast.
 */
export function leakedValues(body: string, values: Iterable<string | null>): string[] {
  const wanted = new Set<string>();
  for (const value of values) if (value) wanted.add(value);
  const lengths = new Set([...wanted].map((value) => value.length));
  const leaked = new Set<string>();
  for (const length of lengths) {
    for (let index = 0; index + length <= body.length; index += 1) {
      const slice = body.slice(index, index + length);
      if (wanted.has(slice)) leaked.add(slice);
    }
  }
  return [...leaked];
}
