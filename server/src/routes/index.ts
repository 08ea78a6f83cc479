import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health/healthRoutes.js';
import { gridRoutes } from './grids/gridRoutes.js';
import { streetRoutes } from './streets/streetRoutes.js';
import { householdRoutes } from './households/householdRoutes.js';
import { cameraRoutes } from './cameras/cameraRoutes.js';
import { cameraStatusRoutes } from './cameras/cameraStatusRoutes.js';
import { patrolRoutes } from './cameras/patrolRoutes.js';
import { cameraViewRoutes } from './cameras/cameraViewRoutes.js';
import { cameraOutageTimelineRoutes } from './cameras/cameraOutageTimelineRoutes.js';
import { patrolTimelineRoutes } from './cameras/patrolTimelineRoutes.js';
import { caseRoutes } from './cases/caseRoutes.js';
import { caseWriteRoutes } from './cases/caseWriteRoutes.js';
import { caseCategoryRoutes } from './cases/caseCategoryRoutes.js';
import { caseEscalation } from '../jobs/caseEscalator.js';
import { basemapRoutes } from './tiles/basemapRoutes.js';
import { tileRoutes } from './tiles/tileRoutes.js';
import { tileJsonRoutes } from './tiles/tileJsonRoutes.js';
import { ogcRoutes } from './ogc/ogcRoutes.js';
import { liveRoutes } from '../live/liveRoutes.js';
import { kpiRoutes } from './kpis/kpiRoutes.js';
import { planRoutes } from './plans/planRoutes.js';
import { planPublishRoutes } from './plans/planPublishRoutes.js';
import { gridVersionRoutes } from './grids/gridVersionRoutes.js';
import { planImportRoutes } from './plans/planImportRoutes.js';
import { dossierRoutes } from './grids/dossierRoutes.js';
import { boardRoutes } from './boards/boardRoutes.js';
import { caseListCsvRoutes } from './cases/caseListCsvRoutes.js';
import { caseTimelineRoutes } from './cases/caseTimelineRoutes.js';
import { hotspotRoutes } from './hotspots/hotspotRoutes.js';
import { alertRoutes } from './alerts/alertRoutes.js';
import { alertRecompute } from '../jobs/alertRecompute.js';
import { searchRoutes } from './grids/searchRoutes.js';
import { sessionRoutes } from './session/sessionRoutes.js';
import { auditRoutes } from './audit/auditRoutes.js';
import { tokenRoutes } from './tokens/tokenRoutes.js';
import { contactRoutes } from './contacts/contactRoutes.js';
import { feedbackRoutes } from './feedback/feedbackRoutes.js';
import { calendarSync } from './calendar/calendarSync.js';
import { calendarRoutes } from './calendar/calendarRoutes.js';
import { tileCacheSync } from './tiles/tileCacheSync.js';
import { publicVillageRoutes } from './publicVillage/publicVillageRoutes.js';
import { memberPhonePublicRoutes } from './members/memberPhonePublicRoutes.js';
import { publicCaseRoutes } from './publicCase/publicCaseRoutes.js';
import { caseQrRoutes } from './cases/caseQrRoutes.js';

export interface RouteOptions {
  /** Milliseconds between automatic escalation runs; 0: none (tests run it directly). */
  caseEscalationIntervalMs: number;
  /** Milliseconds between checks whether the nightly alert recompute is due (jobs/alertRecompute.ts); 0: none. */
  alertCheckIntervalMs?: number;
  /** Sign-in attempts per client address per window (default auth/sessionPolicy.ts). */
  loginRateLimit?: { max: number; timeWindowMs: number };
  /** Public village page and case progress reads per client address per window (defaults routes/publicVillage, routes/publicCase). */
  publicRateLimit?: { max: number; timeWindowMs: number };
  /** Where printed links lead (GRIDMAP_PUBLIC_URL); absent: the request's origin. */
  publicUrl?: string;
}

/**
 * The one place every resource's plugin is registered, grouped as the folders are. Order matters
 * only where a plugin uses another's decoration when it starts: the tile cache and the calendar
 * follow the live hub.
 */
export async function registerRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  await app.register(sessionRoutes, options.loginRateLimit ? { loginRateLimit: options.loginRateLimit } : {});
  await app.register(auditRoutes);
  await app.register(tokenRoutes);
  await app.register(contactRoutes);
  await app.register(feedbackRoutes);
  await app.register(healthRoutes);
  await app.register(publicVillageRoutes, options.publicRateLimit ? { rateLimit: options.publicRateLimit } : {});
  await app.register(memberPhonePublicRoutes);
  await app.register(publicCaseRoutes, options.publicRateLimit ? { rateLimit: options.publicRateLimit } : {});

  await app.register(gridRoutes);
  await app.register(gridVersionRoutes);
  await app.register(dossierRoutes);
  await app.register(boardRoutes, options.publicUrl ? { publicUrl: options.publicUrl } : {});
  await app.register(searchRoutes);
  await app.register(streetRoutes);
  await app.register(householdRoutes);

  await app.register(cameraRoutes);
  await app.register(cameraStatusRoutes);
  await app.register(patrolRoutes);
  await app.register(cameraViewRoutes);
  await app.register(cameraOutageTimelineRoutes);
  await app.register(patrolTimelineRoutes);

  await app.register(caseRoutes);
  await app.register(caseWriteRoutes);
  await app.register(caseCategoryRoutes);
  await app.register(caseListCsvRoutes);
  await app.register(caseTimelineRoutes);
  await app.register(caseQrRoutes, options.publicUrl ? { publicUrl: options.publicUrl } : {});
  await app.register(hotspotRoutes);
  await app.register(caseEscalation, { intervalMs: options.caseEscalationIntervalMs });
  await app.register(alertRoutes);
  await app.register(alertRecompute, { intervalMs: options.alertCheckIntervalMs ?? 0 });
  await app.register(kpiRoutes);

  await app.register(basemapRoutes);
  await app.register(tileRoutes);
  await app.register(tileJsonRoutes);
  await app.register(ogcRoutes);

  await app.register(planRoutes);
  await app.register(planPublishRoutes);
  await app.register(planImportRoutes);

  await app.register(liveRoutes);
  await app.register(tileCacheSync);
  await app.register(calendarSync);
  await app.register(calendarRoutes);
}
