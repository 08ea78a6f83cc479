import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError } from 'fastify';
import { requireGridInScope, requireRole } from '../../auth/requestViewer.js';
import { PlanError } from '../../domain/plan/planError.js';
import {
  addGrid,
  assignToGrid,
  deleteGrid,
  mergeGrids,
  saveGridEdits,
  splitGrid,
} from '../../repos/plans/planGridRepo.js';
import { abandonPlan, createPlan, listPlans, releaseLock, takeLock } from '../../repos/plans/planRepo.js';
import { forgetPlanState, planGridStates, validatePlan } from '../../repos/plans/planStateRepo.js';
import { planFor, planWriters, planReaders } from './planAccess.js';
import { planErrorReply } from './planErrorReply.js';
import {
  AssignmentsBody,
  AssignmentsReply,
  EditsBody,
  GridAddBody,
  GridDeleteQuery,
  GridSaveBody,
  MergeBody,
  PlanCreateBody,
  PlanCreatedReply,
  PlanErrorReply,
  PlanGridCollection,
  PlanGridParams,
  PlanIdParams,
  PlanListQuery,
  PlanList,
  PlanLock,
  PlanNoContent,
  PlanSummary,
  PlanValidation,
  SavedGrid,
  SavedGrids,
  SplitBody,
} from '../../contract/plan.js';

const refusals = {
  400: PlanErrorReply,
  403: PlanErrorReply,
  404: PlanErrorReply,
  409: PlanErrorReply,
  422: PlanErrorReply,
};

/**
 * Draft plans (issue #5, plan-contract.md): create and list plans, read and edit their grids
 * (save, several at once, add, remove, split, merge, paint households and streets), live
 * validation, the edit lock, abandon. Impact, publish and export: routes/plansPublish.ts; import:
 * routes/plansImport.ts; published versions: routes/gridVersions.ts.
 */
export const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.setErrorHandler((error: FastifyError | PlanError, _request, reply) => planErrorReply(error, reply));

  app.get(
    '/api/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'Plans in the viewer’s scope (filter by scope and status), newest first',
        querystring: PlanListQuery,
        response: { 200: PlanList, ...refusals },
      },
    },
    async (request) => {
      const viewer = requireRole(request, planReaders);
      return listPlans(app.db.sql, viewer, request.query);
    },
  );

  app.post(
    '/api/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'Start a draft plan for a town (its villages and groups) or a village (its groups)',
        body: PlanCreateBody,
        response: { 201: PlanCreatedReply, ...refusals },
      },
    },
    async (request, reply) => {
      requireRole(request, planWriters);
      const viewer = requireGridInScope(request, request.body.scope);
      const id = await createPlan(app.db, request.body, viewer);
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/api/plans/:id',
    {
      schema: {
        tags: ['plans'],
        summary: 'One plan',
        params: PlanIdParams,
        response: { 200: PlanSummary, ...refusals },
      },
    },
    async (request) => (await planFor(app, request, request.params.id, 'read')).plan,
  );

  app.get(
    '/api/plans/:id/grids',
    {
      schema: {
        tags: ['plans'],
        summary: 'The plan’s grids with version, households and grid head',
        params: PlanIdParams,
        response: { 200: PlanGridCollection, ...refusals },
      },
    },
    async (request) => {
      await planFor(app, request, request.params.id, 'read');
      const { grids } = await planGridStates(app.db, request.params.id);
      return {
        type: 'FeatureCollection' as const,
        features: grids.map((grid) => ({
          type: 'Feature' as const,
          id: grid.code,
          geometry: grid.geometry,
          properties: {
            code: grid.code,
            version: grid.version,
            level: grid.level,
            name: grid.name,
            parentCode: grid.parentCode,
            households: grid.households,
            gridHead: grid.gridHead,
            baseVersion: grid.baseVersion,
          },
        })),
      };
    },
  );

  app.put(
    '/api/plans/:id/grids/:code',
    {
      schema: {
        tags: ['plans'],
        summary: 'Save one grid’s outline (409 when `version` is stale)',
        params: PlanGridParams,
        body: GridSaveBody,
        response: { 200: SavedGrid, ...refusals },
      },
    },
    async (request) => {
      const { viewer } = await planFor(app, request, request.params.id, 'write');
      const [saved] = await saveGridEdits(app.db, request.params.id, viewer, [
        { code: request.params.code, geometry: request.body.geometry, version: request.body.version },
      ]);
      return saved!;
    },
  );

  app.delete(
    '/api/plans/:id/grids/:code',
    {
      schema: {
        tags: ['plans'],
        summary: 'Remove a grid from the plan (409 when `?version=` is stale)',
        params: PlanGridParams,
        querystring: GridDeleteQuery,
        response: { 204: PlanNoContent, ...refusals },
      },
    },
    async (request, reply) => {
      const { viewer } = await planFor(app, request, request.params.id, 'write');
      await deleteGrid(app.db, request.params.id, viewer, request.params.code, request.query.version);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/plans/:id/grids',
    {
      schema: {
        tags: ['plans'],
        summary: 'Add a grid; it gets the next unused code of its parent (codes are never reused)',
        params: PlanIdParams,
        body: GridAddBody,
        response: { 201: SavedGrid, ...refusals },
      },
    },
    async (request, reply) => {
      const { viewer } = await planFor(app, request, request.params.id, 'write');
      return reply.code(201).send(await addGrid(app.db, request.params.id, viewer, request.body));
    },
  );

  app.post(
    '/api/plans/:id/edits',
    {
      schema: {
        tags: ['plans'],
        summary:
          'Save several grids in one transaction (a shared-boundary move); any stale version → 409, nothing saved',
        params: PlanIdParams,
        body: EditsBody,
        response: { 200: SavedGrids, ...refusals },
      },
    },
    async (request) => {
      const { viewer } = await planFor(app, request, request.params.id, 'write');
      return { grids: await saveGridEdits(app.db, request.params.id, viewer, request.body.changes) };
    },
  );

  app.post(
    '/api/plans/:id/split',
    {
      schema: {
        tags: ['plans'],
        summary: 'Split a grid along a line; the part with its label point keeps the code, the other gets a new one',
        params: PlanIdParams,
        body: SplitBody,
        response: { 200: SavedGrids, ...refusals },
      },
    },
    async (request) => {
      const { viewer } = await planFor(app, request, request.params.id, 'write');
      return { grids: await splitGrid(app.db, request.params.id, viewer, request.body) };
    },
  );

  app.post(
    '/api/plans/:id/merge',
    {
      schema: {
        tags: ['plans'],
        summary: 'Merge two adjacent sibling grids into the first',
        params: PlanIdParams,
        body: MergeBody,
        response: { 200: SavedGrid, ...refusals },
      },
    },
    async (request) => {
      const { viewer } = await planFor(app, request, request.params.id, 'write');
      const { codes, versions } = request.body;
      return mergeGrids(app.db, request.params.id, viewer, {
        codes: [codes[0]!, codes[1]!],
        versions: [versions[0]!, versions[1]!],
      });
    },
  );

  app.post(
    '/api/plans/:id/assignments',
    {
      schema: {
        tags: ['plans'],
        summary: 'Reassign whole households or streets to a group (they win over point-in-polygon)',
        params: PlanIdParams,
        body: AssignmentsBody,
        response: { 200: AssignmentsReply, ...refusals },
      },
    },
    async (request) => {
      const { viewer } = await planFor(app, request, request.params.id, 'write');
      return assignToGrid(app.db, request.params.id, viewer, request.body);
    },
  );

  app.get(
    '/api/plans/:id/validation',
    {
      schema: {
        tags: ['plans'],
        summary:
          'Live validation: tiling (gap, overlap, outside_parent, non_contiguous, invalid), size, grid head, balance',
        description:
          'Incremental: only grids changed since the last check are re-prepared and only their parents re-checked. `ok` is false when any error-severity problem is present; warnings (no_grid_head, imbalance) do not block publishing.',
        params: PlanIdParams,
        response: { 200: PlanValidation, ...refusals },
      },
    },
    async (request) => {
      await planFor(app, request, request.params.id, 'read');
      return validatePlan(app.db, request.params.id);
    },
  );

  app.post(
    '/api/plans/:id/lock',
    {
      schema: {
        tags: ['plans'],
        summary: 'Take or renew the edit lock (5 min); 409 naming the holder when someone else has it',
        params: PlanIdParams,
        response: { 200: PlanLock, ...refusals },
      },
    },
    async (request) => {
      const { viewer } = await planFor(app, request, request.params.id, 'write');
      return takeLock(app.db, request.params.id, viewer);
    },
  );

  app.delete(
    '/api/plans/:id/lock',
    {
      schema: {
        tags: ['plans'],
        summary: 'Release the edit lock',
        params: PlanIdParams,
        response: { 204: PlanNoContent, ...refusals },
      },
    },
    async (request, reply) => {
      const { viewer } = await planFor(app, request, request.params.id, 'write');
      await releaseLock(app.db, request.params.id, viewer);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/plans/:id/abandon',
    {
      schema: {
        tags: ['plans'],
        summary: 'Abandon a draft plan',
        params: PlanIdParams,
        response: { 200: PlanSummary, ...refusals },
      },
    },
    async (request) => {
      const { viewer } = await planFor(app, request, request.params.id, 'write');
      const plan = await abandonPlan(app.db, request.params.id, viewer);
      forgetPlanState(app.db, request.params.id);
      return plan;
    },
  );
};
