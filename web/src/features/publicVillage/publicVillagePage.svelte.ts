import { ApiError } from '../../lib/api/getJson.js';
import { fetchPublicVillage, type PublicVillageReply } from '../../lib/api/publicVillageApi.js';

export type PublicVillageStatus = 'loading' | 'ready' | 'notFound' | 'busy' | 'failed';

/** The village page's data and where its loading stands. */
export class PublicVillagePage {
  status: PublicVillageStatus = $state('loading');
  village: PublicVillageReply | null = $state.raw(null);

  constructor(readonly code: string) {}

  async load(signal?: AbortSignal): Promise<void> {
    this.status = 'loading';
    try {
      this.village = await fetchPublicVillage(this.code, signal);
      this.status = 'ready';
    } catch (error) {
      if (signal?.aborted) return;
      this.status =
        error instanceof ApiError && (error.status === 404 || error.status === 400)
          ? 'notFound'
          : error instanceof ApiError && error.status === 429
            ? 'busy'
            : 'failed';
    }
  }
}
