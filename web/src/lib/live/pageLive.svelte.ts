import { getContext, setContext } from 'svelte';
import type { LiveEventMessage } from '@contract/live.js';
import { LiveConnection, type LiveConnectionOptions, type LiveState } from './liveConnection.svelte.js';

/** A part of the page that follows `/live`: the map's layers, the dossier, the grid tiles, the wall. */
export interface LiveSubscriber {
  onEvent: (event: LiveEventMessage) => void;
  /**
   * Reloads what the events are applied to. Called once when the subscriber joins (`initial`: as
   * soon as the link is subscribed, or at once if it already is) and again whenever the link
   * resyncs (a close with code 4000, a long gap); events that arrive meanwhile are held for this
   * subscriber and delivered, in order, once it settles.
   */
  onResync?: (resync: { initial: boolean }) => Promise<void>;
}

interface Subscription {
  subscriber: LiveSubscriber;
  /** Events held while this subscriber's own resync runs; null when none runs. */
  held: LiveEventMessage[] | null;
  /** Whether it has had its first resync. */
  joined: boolean;
}

const contextKey = Symbol('gridmap.pageLive');

/**
 * The page's ONE `/live` connection (issue #12 part 5), scoped by the viewer: every part of the
 * page subscribes here instead of opening its own socket. The socket opens with the first
 * subscriber and closes with the last (the phone's report page never opens one); a new viewer
 * scope (another account signed in) starts a new connection. Reconnects, `after` and the held
 * events of a resync are the connection's (LiveConnection).
 */
export class PageLive {
  private connection: LiveConnection | null = $state.raw(null);
  private stopConnection: () => void = () => {};
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    /** The viewer's scope code, null while nobody is signed in. */
    private readonly viewerScope: () => string | null,
    private readonly connectionOptions: Pick<LiveConnectionOptions, 'url' | 'createSocket' | 'sessionGone'> = {},
  ) {}

  /** The link's state for a status badge; `connecting` while no part of the page listens. */
  get state(): LiveState {
    return this.connection?.state ?? 'connecting';
  }

  /** The session is gone (the link stopped for good until the views restart it). */
  get signedOut(): boolean {
    return this.connection?.signedOut ?? false;
  }

  /** Adds a part of the page; returns its unsubscribe (the last one closes the socket). */
  subscribe(subscriber: LiveSubscriber): () => void {
    const scope = this.viewerScope();
    if (!scope) throw new Error('the live channel needs a signed-in viewer');
    if (this.connection && this.connection.scope !== scope) this.stop();
    const subscription: Subscription = { subscriber, held: null, joined: false };
    this.subscriptions.add(subscription);
    if (!this.connection) this.start(scope);
    // Already subscribed: this part missed the link's first resync, so it gets its own now.
    else if (this.connection.lastEventId !== null) {
      this.resyncOne(subscription, true).catch((error: unknown) => console.warn('gridmap live: resync failed', error));
    }
    return () => {
      if (!this.subscriptions.delete(subscription)) return;
      if (this.subscriptions.size === 0) this.stop();
    };
  }

  private start(scope: string): void {
    const connection = new LiveConnection({
      ...this.connectionOptions,
      scope,
      onEvent: (event) => this.deliver(event),
      // Every part settles before the held events go out; one failing makes the link resync again.
      onResync: async () => {
        const results = await Promise.allSettled(
          [...this.subscriptions].map((subscription) => this.resyncOne(subscription, false)),
        );
        const failed = results.find((result) => result.status === 'rejected');
        if (failed) throw failed.reason;
      },
    });
    this.connection = connection;
    this.stopConnection = connection.start();
  }

  private stop(): void {
    this.stopConnection();
    this.stopConnection = () => {};
    this.connection = null;
  }

  private deliver(event: LiveEventMessage): void {
    for (const subscription of this.subscriptions) {
      if (subscription.held) subscription.held.push(event);
      else subscription.subscriber.onEvent(event);
    }
  }

  /** One subscriber's resync; `ownHold` when the connection is not holding events for it already. */
  private async resyncOne(subscription: Subscription, ownHold: boolean): Promise<void> {
    const initial = !subscription.joined;
    subscription.joined = true;
    const resync = subscription.subscriber.onResync;
    if (!resync) return;
    if (ownHold) subscription.held ??= [];
    try {
      await resync({ initial });
    } finally {
      if (ownHold) {
        const held = subscription.held ?? [];
        subscription.held = null;
        if (this.subscriptions.has(subscription)) held.forEach((event) => subscription.subscriber.onEvent(event));
      }
    }
  }
}

export function providePageLive(live: PageLive): PageLive {
  return setContext(contextKey, live);
}

export function usePageLive(): PageLive {
  const live = getContext<PageLive | undefined>(contextKey);
  if (!live) throw new Error('usePageLive() needs a PageLive provided by App.svelte');
  return live;
}
