import type { GridCode } from './gridCode.js';

/**
 * Where an event happened, as the scope columns of the `events` outbox. Codes follow
 * DOMAIN.md "Codes": a group code is its village code + 3 digits, a village code starts with its
 * town's 9 significant digits. Null at a level the event does not reach (a camera has a village but
 * maybe no group; a county-wide grid event has none).
 */
export interface EventPlace {
  townCode: string | null;
  villageCode: string | null;
  groupCode: string | null;
}

/**
 * Fills the levels above the most specific code given, so that a town subscriber sees an event a
 * writer tagged only with its group. Pure: codes are derived, not looked up.
 */
export function eventPlace(codes: {
  townCode?: string | null;
  villageCode?: string | null;
  groupCode?: string | null;
}): EventPlace {
  const groupCode = codes.groupCode ?? null;
  const villageCode = codes.villageCode ?? (groupCode ? groupCode.slice(0, 12) : null);
  const townCode = codes.townCode ?? (villageCode ? `${villageCode.slice(0, 9)}000` : null);
  return { townCode, villageCode, groupCode };
}

/**
 * Whether a subscription scope covers an event: the event's code at the scope's level equals the
 * scope (a prefecture or county covers every event of its towns, and the events of no town — the
 * calendar, say — which concern every deployment). The one place to add a role check when
 * subscriptions are authorised.
 */
export function scopeCovers(scope: GridCode, place: EventPlace): boolean {
  switch (scope.level) {
    case 'prefecture':
      return place.townCode === null || place.townCode.startsWith(scope.code.slice(0, 4));
    case 'county':
      return place.townCode === null || place.townCode.startsWith(scope.code.slice(0, 6));
    case 'town':
      return place.townCode === scope.code;
    case 'village':
      return place.villageCode === scope.code;
    case 'group':
      return place.groupCode === scope.code;
  }
}
