import fp from 'fastify-plugin';

/**
 * Keeps every instance's tile cache true to the published grids: a `grid` event (a plan published,
 * on this instance or any other on the same database) invalidates the cache when the hub delivers
 * it. The publishing instance also invalidates at once, before it replies, so its own next tile
 * request can never see an old outline; the event covers the others.
 */
export const tileCacheSync = fp(
  async (app) => {
    const stop = app.live.listen((row) => {
      if (row.kind === 'grid') app.tileCache.invalidate();
    });
    app.addHook('onClose', async () => {
      stop();
    });
  },
  { name: 'gridmap-tile-cache-sync', dependencies: ['gridmap-live'] },
);
