/**
 * 一案一码 (issue #14 part 5): the absolute link a case's QR code holds, `<origin>/c/<serial>`.
 * Short, so the symbol stays small and scans from a phone at arm's length; the web app routes it
 * to the case on the map for a signed-in viewer and to the public progress page for the reporter.
 * `origin` is GRIDMAP_PUBLIC_URL (which may hold a path, e.g. `https://host/gaotai`) or the
 * request's origin.
 */
export function caseLinkUrl(origin: string, serial: string): string {
  return `${origin.replace(/\/+$/, '')}${caseLinkPath(serial)}`;
}

/** The path part of {@link caseLinkUrl}. */
export function caseLinkPath(serial: string): string {
  if (!/^[0-9]{19}$/.test(serial)) throw new RangeError(`not a case serial: ${serial}`);
  return `/c/${serial}`;
}
