import type { FeedbackCreated, PublicFeedbackBody } from '@contract/feedback.js';

export type PublicFeedbackResult =
  { ok: true; id: number } | { ok: false; problem: 'invalid' | 'busy' | 'notFound' | 'network'; message: string };

/**
 * Sends a resident's 投诉建议 for a village. Without credentials on purpose: the message is a
 * resident's, not the signed-in staff member's who may share the phone (a session would also ask
 * for its CSRF token).
 */
export async function sendPublicFeedback(villageCode: string, body: PublicFeedbackBody): Promise<PublicFeedbackResult> {
  let response: Response;
  try {
    response = await fetch(`/api/public/villages/${encodeURIComponent(villageCode)}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
  } catch (error) {
    return { ok: false, problem: 'network', message: error instanceof Error ? error.message : String(error) };
  }
  const reply = (await response.json().catch(() => null)) as (FeedbackCreated & { message?: string }) | null;
  if (response.status === 201 && reply) return { ok: true, id: reply.id };
  const problem = response.status === 429 ? 'busy' : response.status === 404 ? 'notFound' : 'invalid';
  return { ok: false, problem, message: reply?.message ?? `${response.status}` };
}
