import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { publishEvent } from '../../server/src/outbox/publishEvent.js';
import { backends, testDatabase } from '../support/testDatabases.js';
import { signedInInject } from '../support/signedInInject.js';

/**
 * A grid published on one instance empties the tile cache of every instance (issue #12, part 4: the
 * tile cache is invalidated by publishes wherever they happen). The publish is stood in for by its
 * `grid` event, written as planPublishRepo writes it, from outside the instance under test.
 */
describe.each(backends)('%s', (kind) => {
  let instance: FastifyInstance;
  let own: Database;
  const as = signedInInject('tile cache sync', () => instance);
  // The county seat at z9: a tile every scope sees.
  const tile = '/tiles/grids/9/397/194.mvt';

  beforeAll(async () => {
    own = kind === 'postgres' ? openPostgres({ url: inject('postgresUrl'), max: 2 }) : await testDatabase(kind);
    instance = await buildApp({ db: own });
  });

  afterAll(async () => {
    await instance?.close();
    if (kind === 'postgres') await own?.close();
  });

  it('serves the cached tile until a grid event from another instance arrives, then renders it again', async () => {
    expect((await as.get(tile)).headers['x-tile-cache']).toBe('miss');
    expect((await as.get(tile)).headers['x-tile-cache']).toBe('hit');
    const delivered = new Promise<void>((resolve) => {
      const stop = instance.live.listen((row) => {
        if (row.kind !== 'grid') return;
        stop();
        resolve();
      });
    });
    // Another instance: on PostgreSQL the run's shared pool, a different connection from this app's.
    // A town of a neighbouring county, so no live subscriber of other test files receives it.
    const other = await testDatabase(kind);
    await other.transaction((sql) =>
      publishEvent(sql, { kind: 'grid', townCode: '620725100000', payload: { scope: '620725100000', gridVersion: 1 } }),
    );
    await delivered;
    expect((await as.get(tile)).headers['x-tile-cache']).toBe('miss');
    expect((await as.get(tile)).headers['x-tile-cache']).toBe('hit');
  });
});
