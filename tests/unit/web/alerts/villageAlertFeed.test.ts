import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertReply, VillageAlert } from '@contract/alerts.js';
import type { LiveEventMessage } from '@contract/live.js';
import type { LiveSubscriber, PageLive } from '../../../../web/src/lib/live/pageLive.svelte.js';
import { VillageAlertFeed } from '../../../../web/src/lib/alerts/villageAlertFeed.svelte.js';

const village = '620724101201';

const alert = (code: string, day: string): VillageAlert => ({
  village: code,
  villageName: code,
  town: `${code.slice(0, 9)}000`,
  day,
  statistic: 5,
  threshold: 4,
  baselinePerWeek: 1,
  categories: {},
  explanation: '近5周',
  explanationEn: 'of the last 5 weeks',
  computedAt: '2026-12-07T18:00:00.000Z',
});

const alertEvent = (id: number, townCode: string): LiveEventMessage => ({
  type: 'event',
  id,
  at: '2026-12-07T18:00:00.000Z',
  kind: 'alert',
  townCode,
  day: '2026-12-08',
  villages: [],
});

/** The page's live link as the feed uses it: the test delivers the events and resyncs. */
function fakeLive() {
  const subscribers = new Set<LiveSubscriber>();
  const live = {
    subscribe(subscriber: LiveSubscriber) {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
  };
  return {
    live: live as unknown as PageLive,
    subscribers,
    resync: () => Promise.all([...subscribers].map((s) => s.onResync?.({ initial: true }))),
    send: (event: LiveEventMessage) => subscribers.forEach((s) => s.onEvent(event)),
  };
}

describe('VillageAlertFeed', () => {
  let replies: AlertReply[];
  let asked: string[];

  beforeEach(() => {
    vi.useFakeTimers();
    asked = [];
    replies = [];
    vi.stubGlobal('fetch', (path: string) => {
      asked.push(path);
      const reply = replies.shift() ?? { grid: village, from: '2026-12-02', to: '2026-12-08', alerts: [] };
      return Promise.resolve(new Response(JSON.stringify(reply), { status: 200 }));
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('reads the grid’s alerts on its resync and gives today’s apart', async () => {
    const { live, resync } = fakeLive();
    replies.push({
      grid: village,
      from: '2026-12-02',
      to: '2026-12-08',
      alerts: [alert(village, '2026-12-08'), alert(village, '2026-12-07')],
    });
    const feed = new VillageAlertFeed();
    const stop = feed.follow(village, live);
    expect(feed.state).toBe('loading');
    await resync();
    expect(asked).toEqual([`/api/alerts?grid=${village}`]);
    expect(feed.state).toBe('ready');
    expect(feed.today).toBe('2026-12-08');
    expect(feed.alerts).toHaveLength(2);
    expect(feed.todays.map((a) => a.day)).toEqual(['2026-12-08']);
    stop();
  });

  it('reads again once after a burst of alert events of its town, and not for another town', async () => {
    const { live, resync, send, subscribers } = fakeLive();
    const feed = new VillageAlertFeed();
    const stop = feed.follow(village, live);
    await resync();
    asked = [];
    send(alertEvent(1, '620724102000'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(asked).toEqual([]);
    send(alertEvent(2, '620724101000'));
    send(alertEvent(3, '620724101000'));
    send(alertEvent(4, '620724101000'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(asked).toEqual([`/api/alerts?grid=${village}`]);
    stop();
    expect(subscribers.size).toBe(0);
    send(alertEvent(5, '620724101000'));
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(asked).toHaveLength(1);
  });

  it('reads again every ten minutes without an event, for the turn of the day', async () => {
    const { live, resync } = fakeLive();
    const feed = new VillageAlertFeed();
    const stop = feed.follow(village, live);
    await resync();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(asked).toHaveLength(2);
    stop();
  });
});
