import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole } from '../../auth/requestViewer.js';
import { viewerCoversGrid } from '../../domain/accessRole.js';
import { recordAudit } from '../../repos/audit/auditRepo.js';
import { lockMemberPhoneMark, setMemberPhonePublic } from '../../repos/members/memberPhoneRepo.js';
import { NotFoundError } from '../../http/errorReplies.js';
import { ErrorReply } from '../../contract/errorReply.js';
import { MemberIdParams, PhonePublicBody, PhonePublicReply } from '../../contract/publicVillage.js';

class NoPhoneError extends Error {
  readonly statusCode = 409;
}

/**
 * `PUT /api/members/:id/phone-public`: a county administrator publishes (or withdraws) a member's
 * name and phone on their village's public page and notice board (migration 013). Inside the
 * administrator's scope only (404 otherwise, as for a member that does not exist); every change
 * is in the audit trail, placed at the member's village so that county's auditors read it.
 */
export const memberPhonePublicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/api/members/:id/phone-public',
    {
      bodyLimit: 1024,
      schema: {
        tags: ['members'],
        summary: 'Publish or withdraw a member’s phone on the village page (一村一码)',
        description:
          'County administrators only, for a member whose village (or town) lies in their scope. `{"public": true}` shows the member’s full name and phone on `/p/<village code>` and the notice board; false masks them again. Audited as `member.phone_public` when the mark changes.',
        params: MemberIdParams,
        body: PhonePublicBody,
        response: {
          200: PhonePublicReply,
          400: ErrorReply('the id or body is malformed'),
          401: ErrorReply('not signed in'),
          403: ErrorReply('only a county administrator sets the mark'),
          404: ErrorReply('no member has this id inside the caller’s scope'),
          409: ErrorReply('the member has no phone to publish'),
        },
      },
    },
    async (request) => {
      const viewer = requireRole(request, ['county_admin']);
      const { id } = request.params;
      const wanted = request.body.public;
      const marked = await app.db.transaction(async (sql) => {
        const member = await lockMemberPhoneMark(sql, id);
        const place = member ? (member.villageCode ?? member.townCode) : null;
        if (!member || !place || !viewerCoversGrid(viewer, place)) return null;
        if (wanted && !member.hasPhone) throw new NoPhoneError(`member ${id} has no phone to publish`);
        if (member.phonePublic !== wanted) {
          await setMemberPhonePublic(sql, id, wanted);
          await recordAudit(sql, {
            actor: viewer,
            action: 'member.phone_public',
            entity: 'member',
            entityKey: String(id),
            before: { phonePublic: member.phonePublic },
            after: { phonePublic: wanted },
            place,
          });
        }
        return { id, villageCode: member.villageCode, phonePublic: wanted };
      });
      if (!marked) throw new NotFoundError(`no member with id ${id}`);
      return marked;
    },
  );
};
