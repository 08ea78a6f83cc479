import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole } from '../../auth/requestViewer.js';
import { PERSONAL_DATA_ROLES, viewerCoversGrid } from '../../domain/accessRole.js';
import { recordAudit } from '../../repos/audit/auditRepo.js';
import { householdContact, memberContact } from '../../repos/contacts/contactRepo.js';
import { NotFoundError } from '../../http/errorReplies.js';
import { ErrorReply } from '../../contract/errorReply.js';
import { ContactIdParams, HouseholdContactReply, MemberContactReply } from '../../contract/contacts.js';

const refusals = {
  400: ErrorReply('the id is malformed'),
  401: ErrorReply('not signed in'),
  403: ErrorReply('the role never sees personal data (planner, auditor, wall)'),
};

/**
 * Personal data unmasked, one record at a time (DOMAIN.md: masked by default). Only the roles that
 * work with residents — county admin, town leader, village cadre, grid staff — and only inside
 * their scope; anything else is 404 as if it did not exist. Every read writes a
 * `personal_data.unmask` audit entry naming the record and the fields shown (never their values:
 * the trail must not become a second copy of the data), in the same transaction as the read.
 */
export const contactRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/households/:id/contact',
    {
      schema: {
        tags: ['households'],
        summary: 'A household’s name, phone and ID number, unmasked (audited)',
        description:
          'For county admins, town leaders, village cadres and grid staff whose scope covers the household. Each call is recorded in the audit trail (`personal_data.unmask`). Never in tiles or on the wall.',
        params: ContactIdParams,
        response: {
          200: HouseholdContactReply,
          ...refusals,
          404: ErrorReply('no household has this id inside the caller’s scope'),
        },
      },
    },
    async (request, reply) => {
      const viewer = requireRole(request, PERSONAL_DATA_ROLES);
      const contact = await app.db.transaction(async (sql) => {
        const found = await householdContact(sql, request.params.id);
        if (!found || !viewerCoversGrid(viewer, found.groupCode)) return null;
        await recordAudit(sql, {
          actor: viewer,
          action: 'personal_data.unmask',
          entity: 'household',
          entityKey: String(found.id),
          before: null,
          after: { fields: ['headName', 'phone', 'idNumber'], groupCode: found.groupCode },
        });
        return found;
      });
      if (!contact) throw new NotFoundError(`no household with id ${request.params.id}`);
      return reply.header('cache-control', 'no-store').send(contact);
    },
  );

  app.get(
    '/api/members/:id/contact',
    {
      schema: {
        tags: ['members'],
        summary: 'A member’s name and phone, unmasked (audited)',
        description:
          'A cadre, party member or grid staff member (street chiefs, grid heads, linked party members). For the same roles as household contacts, when the member’s village (or one of their posts) lies in the caller’s scope. Each call is recorded in the audit trail.',
        params: ContactIdParams,
        response: {
          200: MemberContactReply,
          ...refusals,
          404: ErrorReply('no member has this id inside the caller’s scope'),
        },
      },
    },
    async (request, reply) => {
      const viewer = requireRole(request, PERSONAL_DATA_ROLES);
      const contact = await app.db.transaction(async (sql) => {
        const found = await memberContact(sql, request.params.id);
        if (!found || !found.gridCodes.some((code) => viewerCoversGrid(viewer, code))) return null;
        await recordAudit(sql, {
          actor: viewer,
          action: 'personal_data.unmask',
          entity: 'member',
          entityKey: String(found.id),
          before: null,
          after: { fields: ['name', 'phone'] },
        });
        return found;
      });
      if (!contact) throw new NotFoundError(`no member with id ${request.params.id}`);
      return reply
        .header('cache-control', 'no-store')
        .send({ id: contact.id, name: contact.name, phone: contact.phone });
    },
  );
};
