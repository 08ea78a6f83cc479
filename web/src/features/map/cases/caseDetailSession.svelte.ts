import type { AccessRole } from '@domain/accessRole.js';
import type { FollowUpSatisfaction } from '@domain/caseLifecycle.js';
import { drillApi, type CaseDetailWithActivity } from '../../../lib/api/drillApi.js';
import { ApiError } from '../../../lib/api/getJson.js';
import { allowedPanelActions, caseActorRoleOf, type PanelAction } from './caseActionChoices.js';

/** What the last action came to, for the message under the buttons. */
export type ActionOutcome =
  | { kind: 'done'; action: PanelAction }
  /** 409: the lifecycle refused (reason from the server: role_not_allowed, wrong_status, …). */
  | { kind: 'refused'; reason: string; message: string }
  /** 403: the role or scope may not act at all. */
  | { kind: 'forbidden'; message: string }
  | { kind: 'failed'; message: string };

/**
 * One case's detail in the panel: the record with its step log, the actions the viewer's role may
 * take now, and acting on it. After an action (or a live event about it) the detail reloads.
 */
export class CaseDetailSession {
  serial: string | null = $state(null);
  detail: CaseDetailWithActivity | null = $state.raw(null);
  failure: string | null = $state(null);
  notFound = $state(false);
  busy = $state(false);
  outcome: ActionOutcome | null = $state.raw(null);
  role: AccessRole | null = $state(null);
  private abort: AbortController | null = null;

  readonly actorRole = $derived(this.role ? caseActorRoleOf(this.role) : null);
  readonly actions = $derived(this.detail ? allowedPanelActions(this.detail, this.actorRole) : []);

  async open(serial: string | null): Promise<void> {
    if (serial !== this.serial) {
      this.detail = null;
      this.outcome = null;
    }
    this.serial = serial;
    this.notFound = false;
    this.failure = null;
    if (serial) await this.reload();
  }

  async reload(): Promise<void> {
    const serial = this.serial;
    if (!serial) return;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    try {
      const detail = await drillApi.caseDetail(serial, abort.signal);
      if (!abort.signal.aborted && serial === this.serial) this.detail = detail;
    } catch (error) {
      if (abort.signal.aborted) return;
      if (error instanceof ApiError && error.status === 404) this.notFound = true;
      else this.failure = error instanceof Error ? error.message : String(error);
    }
  }

  /** Takes `action` through the server; the server's refusal is kept for the UI and nothing else changes. */
  /** Takes `action`; a follow-up (回访) carries what the resident said. */
  async act(action: PanelAction, note: string, satisfaction?: FollowUpSatisfaction): Promise<ActionOutcome> {
    const serial = this.serial;
    if (!serial) return { kind: 'failed', message: 'no case' };
    this.busy = true;
    let outcome: ActionOutcome;
    try {
      await drillApi.act(serial, action, note, satisfaction);
      outcome = { kind: 'done', action };
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        const reason = /^([a-z_]+):/.exec(error.message)?.[1] ?? 'other';
        outcome = { kind: 'refused', reason, message: error.message };
      } else if (error instanceof ApiError && error.status === 403) {
        outcome = { kind: 'forbidden', message: error.message };
      } else {
        outcome = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
      }
    }
    this.outcome = outcome;
    // Done or refused, the case on screen may be stale: read it again either way.
    await this.reload();
    this.busy = false;
    return outcome;
  }

  stop(): void {
    this.abort?.abort();
  }
}
