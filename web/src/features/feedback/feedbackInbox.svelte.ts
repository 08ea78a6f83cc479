import type { FeedbackChange, FeedbackItem, FeedbackList } from '@contract/feedback.js';
import type { FEEDBACK_STATUSES } from '@contract/vocabulary.js';
import { getJson } from '../../lib/api/getJson.js';
import { sendJson } from '../../lib/api/sendJson.js';

export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** The administrators' feedback list: one status filter, pages appended with `next`. */
export class FeedbackInbox {
  items = $state.raw<FeedbackItem[] | null>(null);
  next = $state<number | null>(null);
  status = $state<FeedbackStatus | null>(null);
  error = $state<string | null>(null);

  async load(more = false): Promise<void> {
    const query = new URLSearchParams({ limit: '50' });
    if (this.status) query.set('status', this.status);
    if (more && this.next !== null) query.set('before', String(this.next));
    try {
      const page = await getJson<FeedbackList>(`/api/feedback?${query}`);
      this.items = more ? [...(this.items ?? []), ...page.items] : page.items;
      this.next = page.next;
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async filter(status: FeedbackStatus | null): Promise<void> {
    this.status = status;
    await this.load();
  }

  /** Saves a status and reply; the list shows the stored message. Throws the server's refusal. */
  async change(id: number, change: FeedbackChange): Promise<void> {
    const saved = await sendJson<FeedbackItem>('PATCH', `/api/feedback/${id}`, change);
    this.items = (this.items ?? []).map((item) => (item.id === id ? saved : item));
  }
}
