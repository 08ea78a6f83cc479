import type { PublicVillageReply } from '@contract/publicVillage.js';
import { getJson } from './getJson.js';

export type { PublicVillageReply };

/** A village's public page data (一村一码): no session needed, the same for everyone. */
export function fetchPublicVillage(code: string, signal?: AbortSignal): Promise<PublicVillageReply> {
  return getJson<PublicVillageReply>(`/api/public/villages/${encodeURIComponent(code)}`, signal ? { signal } : {});
}
