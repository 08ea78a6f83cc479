import { describe, expect, it } from 'vitest';
import { LiveMessageBudget } from '../../server/src/domain/liveMessageBudget.js';

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('LiveMessageBudget', () => {
  it('handles a burst, refuses what follows, and closes after too many refusals in a row', () => {
    const time = clock();
    const budget = new LiveMessageBudget({ burst: 3, perSecond: 1, maxRefused: 2 }, time.now);
    const verdicts = Array.from({ length: 6 }, () => budget.take());
    expect(verdicts).toEqual(['handle', 'handle', 'handle', 'refuse', 'refuse', 'close']);
  });

  it('refills at its rate, up to the burst', () => {
    const time = clock();
    const budget = new LiveMessageBudget({ burst: 2, perSecond: 4, maxRefused: 10 }, time.now);
    expect([budget.take(), budget.take(), budget.take()]).toEqual(['handle', 'handle', 'refuse']);
    time.advance(250);
    expect([budget.take(), budget.take()]).toEqual(['handle', 'refuse']);
    time.advance(60_000);
    expect([budget.take(), budget.take(), budget.take()]).toEqual(['handle', 'handle', 'refuse']);
  });

  it('counts refusals in a row only: a client at the allowed rate is never closed', () => {
    const time = clock();
    const budget = new LiveMessageBudget({ burst: 1, perSecond: 1, maxRefused: 1 }, time.now);
    for (let second = 0; second < 100; second++) {
      expect(budget.take()).toBe('handle');
      expect(budget.take()).toBe('refuse');
      time.advance(1_000);
    }
  });

  it('never closes a client that sends one subscribe per connection and a ping now and then', () => {
    const time = clock();
    const budget = new LiveMessageBudget({}, time.now);
    for (let minute = 0; minute < 60; minute++) {
      expect(budget.take()).toBe('handle');
      time.advance(60_000);
    }
  });
});
