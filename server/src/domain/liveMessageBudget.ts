import { clientMessageBurst, clientMessagesPerSecond, tooManyMessagesRefused } from '../contract/live.js';

/**
 * How many messages one `/live` socket may send: a token bucket. A well-behaved client sends one
 * `subscribe` per connection and perhaps a `ping`; every subscribe costs a scope lookup and may
 * start a replay, so a client sending hundreds a second would make the server do database work
 * for nothing. A message without a token is refused unhandled; a client that goes on sending
 * after `maxRefused` refusals in a row is closed (live/liveRoutes.ts, with contract/live.ts's
 * `tooManyMessagesCloseCode`).
 */
export interface LiveMessageBudgetOptions {
  /** Messages that may arrive at once. Default {@link clientMessageBurst}. */
  burst: number;
  /** Messages a second allowed after the burst. Default {@link clientMessagesPerSecond}. */
  perSecond: number;
  /** Refused messages in a row before the socket is closed. Default {@link tooManyMessagesRefused}. */
  maxRefused: number;
}

export const liveMessageBudgetDefaults: LiveMessageBudgetOptions = {
  burst: clientMessageBurst,
  perSecond: clientMessagesPerSecond,
  maxRefused: tooManyMessagesRefused,
};

/** `handle`: do it; `refuse`: answer with an error, do nothing; `close`: end the socket. */
export type BudgetVerdict = 'handle' | 'refuse' | 'close';

export class LiveMessageBudget {
  readonly #options: LiveMessageBudgetOptions;
  #tokens: number;
  #at: number;
  #refusedInARow = 0;

  constructor(
    options: Partial<LiveMessageBudgetOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.#options = { ...liveMessageBudgetDefaults, ...options };
    this.#tokens = this.#options.burst;
    this.#at = now();
  }

  /** The verdict on one more message arriving now. */
  take(): BudgetVerdict {
    const now = this.now();
    const { burst, perSecond, maxRefused } = this.#options;
    this.#tokens = Math.min(burst, this.#tokens + ((now - this.#at) / 1000) * perSecond);
    this.#at = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      this.#refusedInARow = 0;
      return 'handle';
    }
    this.#refusedInARow += 1;
    return this.#refusedInARow > maxRefused ? 'close' : 'refuse';
  }
}
