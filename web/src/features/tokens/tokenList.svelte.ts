import type { TokenCreateBody, TokenCreatedReply, TokenList, TokenSummary } from '@contract/tokens.js';
import { getJson } from '../../lib/api/getJson.js';
import { sendJson } from '../../lib/api/sendJson.js';

/**
 * The caller's API tokens and the one just made. The secret lives only in `created` until the user
 * dismisses it: never stored, never listed again (the server keeps only its hash).
 */
export class TokenListState {
  tokens = $state.raw<TokenSummary[] | null>(null);
  created = $state.raw<TokenCreatedReply | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      this.tokens = await getJson<TokenList>('/api/tokens');
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async create(body: TokenCreateBody): Promise<void> {
    this.busy = true;
    try {
      this.created = await sendJson<TokenCreatedReply>('POST', '/api/tokens', body);
      this.error = null;
      await this.load();
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  async revoke(id: number): Promise<void> {
    try {
      await sendJson<null>('DELETE', `/api/tokens/${id}`);
      if (this.created?.id === id) this.created = null;
      await this.load();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  dismissCreated(): void {
    this.created = null;
  }
}

/** What a listed token's state is called (revoked wins over expired). */
export function tokenState(token: TokenSummary): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt) return 'revoked';
  return token.active ? 'active' : 'expired';
}
