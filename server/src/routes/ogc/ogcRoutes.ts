import type { FastifyPluginAsync } from 'fastify';
import { ogcServiceRoutes } from './ogcServiceRoutes.js';
import { ogcCollectionRoutes } from './ogcCollectionRoutes.js';
import { ogcItemRoutes } from './ogcItemRoutes.js';

/**
 * OGC API – Features at `/ogc` (issue #16 part 2): what QGIS ("Add WFS / OGC API – Features
 * layer") and GDAL's OAPIF driver read, with an API token, scoped and masked exactly like the REST
 * API. Documented by its own OpenAPI 3.0 document at `/ogc/api`, so hidden from /docs.
 */
export const ogcRoutes: FastifyPluginAsync = async (app) => {
  await app.register(ogcServiceRoutes);
  await app.register(ogcCollectionRoutes);
  await app.register(ogcItemRoutes);
};
